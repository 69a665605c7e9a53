// Azurite's blob service over HTTPS with OAuth checks on (`--oauth basic`), as a child of the
// test worker, with a fresh self-signed certificate. State lives in memory only; the temporary
// directory holds the certificate and is Azurite's working directory.

import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { freePort, type TempDir, TestkitError, tempDir } from "@entrakit/testkit";
import { createSelfSignedCertificate, probeOpenssl } from "./self-signed-certificate";

/** Azurite's well-known development account. */
export const azuriteAccount = "devstoreaccount1";

/** A running Azurite blob service on 127.0.0.1, private to one test file. */
export interface Azurite extends AsyncDisposable {
  /** The account URL, `https://127.0.0.1:<port>/devstoreaccount1`. */
  readonly accountUrl: string;
  /** Azurite's certificate (self-signed, so also the CA a client must trust). */
  readonly certPem: string;
  /** Stops Azurite and removes its directory. Idempotent. */
  close(): Promise<void>;
}

/** Options of {@link startAzurite}. */
export interface StartAzuriteOptions {
  /** How long to wait for Azurite to listen. @defaultValue 20000 */
  startTimeoutMs?: number;
}

/**
 * Why Azurite cannot run here, or `undefined` when it can: openssl (for its certificate) must be
 * on PATH and the `azurite` package installed.
 */
export async function probeAzurite(): Promise<string | undefined> {
  const openssl = await probeOpenssl();
  if (openssl !== undefined) return openssl;
  try {
    azuriteBlobScript();
    return undefined;
  } catch {
    return "the azurite npm package is not installed; run npm ci at the repository root";
  }
}

// Node runs the bin script directly: no shell, and no dependence on where npm put `.bin`.
function azuriteBlobScript(): string {
  const manifestPath = createRequire(import.meta.url).resolve("azurite/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    bin: Record<string, string>;
  };
  const script = manifest.bin["azurite-blob"];
  if (script === undefined) {
    throw new TestkitError(
      "startAzurite: the azurite package has no azurite-blob command. Install azurite 3.35.0.",
      "service_unavailable",
    );
  }
  return join(dirname(manifestPath), script);
}

const attempts = 3;
const listening = /successfully listens on/;

/**
 * Starts `azurite-blob` on a free port of 127.0.0.1 with `--oauth basic`, HTTPS, in-memory
 * persistence and telemetry off, and resolves once it listens.
 *
 * @throws TestkitError (`service_start_failed`) when it exits or stays silent; the message
 * quotes its last output.
 * @example
 * ```ts
 * await using azurite = await startAzurite();
 * const client = new BlobServiceClient(azurite.accountUrl, credential, { tlsOptions: { ca: azurite.certPem } });
 * ```
 */
export async function startAzurite(options: StartAzuriteOptions = {}): Promise<Azurite> {
  const dir = await tempDir("entrakit-azurite-");
  try {
    const cert = await createSelfSignedCertificate(dir.path);
    const script = azuriteBlobScript();
    let lastFailure = "";
    // A free port can be taken between probing and binding; a fresh port usually fixes that.
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const port = await freePort();
      const child = spawn(
        process.execPath,
        [
          script,
          "--blobHost",
          "127.0.0.1",
          "--blobPort",
          String(port),
          "--oauth",
          "basic",
          "--cert",
          cert.certPath,
          "--key",
          cert.keyPath,
          "--inMemoryPersistence",
          "--skipApiVersionCheck",
          // Without it Azurite reaches out to an outside telemetry host.
          "--disableTelemetry",
          "--silent",
        ],
        { cwd: dir.path, env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "pipe", "pipe"] },
      );
      const outcome = await waitForListening(child, options.startTimeoutMs ?? 20_000);
      if (outcome.ready) {
        return running(child, `https://127.0.0.1:${port}/${azuriteAccount}`, cert.certPem, dir);
      }
      await stop(child);
      lastFailure = `${outcome.reason}${outcome.output ? ` (output: ${outcome.output.slice(-600)})` : ""}`;
      if (!/EADDRINUSE/.test(outcome.output)) break;
    }
    throw new TestkitError(
      `startAzurite: azurite-blob ${lastFailure}. Run node_modules/.bin/azurite-blob by hand with the same options to see why it does not start.`,
      "service_start_failed",
    );
  } catch (error) {
    await dir.close();
    throw error;
  }
}

type StartOutcome = { ready: true } | { ready: false; reason: string; output: string };

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<StartOutcome> {
  return new Promise((resolve) => {
    let output = "";
    const settle = (outcome: StartOutcome) => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      child.off("exit", onExit);
      child.off("error", onError);
      // Keep draining, so a chatty Azurite never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-8192);
      if (listening.test(output)) settle({ ready: true });
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      settle({
        ready: false,
        reason: signal ? `was killed by ${signal}` : `exited with code ${code}`,
        output,
      });
    const onError = (error: NodeJS.ErrnoException) =>
      settle({ ready: false, reason: `failed to start (${error.code ?? error.message})`, output });
    const timer = setTimeout(
      () => settle({ ready: false, reason: `did not listen within ${timeoutMs} ms`, output }),
      timeoutMs,
    );
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
    child.once("error", onError);
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // Azurite closes cleanly on SIGTERM; SIGKILL only if it hangs.
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    timer.unref();
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

function running(child: ChildProcess, accountUrl: string, certPem: string, dir: TempDir): Azurite {
  // A worker that exits without closing (a crash, a forgotten close) must not leave Azurite behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= stop(child).finally(() => {
      process.off("exit", killOnExit);
      return dir.close();
    });
    return closing;
  };
  return { accountUrl, certPem, close, [Symbol.asyncDispose]: close };
}
