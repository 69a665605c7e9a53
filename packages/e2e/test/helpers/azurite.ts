// Azurite's blob service over HTTPS with OAuth checks on (`--oauth basic`), as a child of the
// test worker, with a fresh self-signed certificate. State lives in memory only; the temporary
// directory holds the certificate and is Azurite's working directory.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  createSelfSignedCertificate,
  freePort,
  probeOpenssl,
  ServiceProcess,
  type TempDir,
  TestkitError,
  tempDir,
  waitUntil,
} from "@entrakit/testkit";

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
      const timeoutMs = options.startTimeoutMs ?? 20_000;
      const azurite = new ServiceProcess(
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
        { PATH: process.env.PATH ?? "" },
        dir.path,
      );
      // Azurite reads nothing from stdin; close it rather than keep an idle pipe open.
      azurite.child.stdin?.end();
      const outcome = await waitUntil(async () => listening.test(azurite.output), {
        timeoutMs,
        stop: azurite.exited,
      });
      if (outcome === "ready") {
        return running(azurite, `https://127.0.0.1:${port}/${azuriteAccount}`, cert.certPem, dir);
      }
      await azurite.stop();
      const reason =
        outcome === "timeout" ? `did not listen within ${timeoutMs} ms` : azurite.describeExit();
      lastFailure = `${reason}${azurite.output ? ` (output: ${azurite.output.slice(-600)})` : ""}`;
      if (!/EADDRINUSE/.test(azurite.output)) break;
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

function running(
  azurite: ServiceProcess,
  accountUrl: string,
  certPem: string,
  dir: TempDir,
): Azurite {
  let closing: Promise<void> | undefined;
  // Azurite closes cleanly on SIGTERM; ServiceProcess sends SIGKILL only if it hangs, and kills
  // it when the worker exits without closing (a crash, a forgotten close).
  const close = () => {
    closing ??= azurite.stop().finally(() => dir.close());
    return closing;
  };
  return { accountUrl, certPem, close, [Symbol.asyncDispose]: close };
}
