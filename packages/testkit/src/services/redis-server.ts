import type { GateEnv } from "../gates/service-gate.js";
import { TestkitError } from "../testkit-error.js";
import { findExecutable, probeCommands } from "./find-executable.js";
import { freePort } from "./free-port.js";
import { pingRedis } from "./ping-redis.js";
import { ServiceProcess } from "./service-process.js";
import { type TempDir, tempDir } from "./temp-dir.js";
import { waitUntil } from "./wait-until.js";

/** Options of {@link startRedisServer}. */
export interface StartRedisServerOptions {
  /** The server binary (a `valkey-server` works too). @defaultValue `"redis-server"` on PATH */
  executable?: string;
  /** Extra command-line arguments, e.g. `["--requirepass", secret]`. */
  args?: readonly string[];
  /** How long to wait for the first `PONG`. @defaultValue 10000 */
  startTimeoutMs?: number;
}

/** A running `redis-server` on loopback, private to one test file. */
export interface RedisServer extends AsyncDisposable {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** `127.0.0.1`. */
  readonly host: string;
  /** The TCP port it listens on. */
  readonly port: number;
  /** The server's working directory (under `os.tmpdir()`, removed on close). */
  readonly dir: string;
  /**
   * Kills the server at once with SIGKILL, as a crash or a lost machine would. Data survives
   * only what the server had persisted (e.g. with `args: ["--appendonly", "yes",
   * "--appendfsync", "always"]`). Resolves once it has exited.
   */
  kill(): Promise<void>;
  /**
   * Starts the server again on the same port, directory and arguments (after {@link
   * RedisServer.kill}, or stopping a running one first), and resolves once it answers `PING`.
   *
   * @throws TestkitError (`service_start_failed`) when it does not come back; the message quotes
   * its output.
   */
  restart(): Promise<void>;
  /** Stops the server and removes its directory. Idempotent; no restart after it. */
  close(): Promise<void>;
}

/**
 * Why `redis-server` cannot run here, or `undefined` when it can.
 *
 * @param env - where `PATH` is read from. @defaultValue `process.env`
 * @example
 * ```ts
 * describeWithService("redis-server", probeRedisServer, () => { ... });
 * ```
 */
export function probeRedisServer(env: GateEnv = process.env): Promise<string | undefined> {
  return probeCommands([{ command: "redis-server", debianPackage: "redis-server" }], env);
}

const attempts = 3;

interface Launch {
  readonly executable: string;
  readonly args: readonly string[];
  readonly dir: TempDir;
  readonly startTimeoutMs: number;
}

type LaunchOutcome = { server: ServiceProcess } | { failure: string; addressInUse: boolean };

async function launch(options: Launch, port: number): Promise<LaunchOutcome> {
  const server = new ServiceProcess(
    options.executable,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      options.dir.path,
      "--daemonize",
      "no",
      "--logfile",
      "",
      // Last, so they override the defaults above (redis keeps the last value of an option).
      ...options.args,
    ],
    { PATH: process.env.PATH ?? "" },
    options.dir.path,
  );
  const outcome = await waitUntil(
    () =>
      pingRedis(port, "127.0.0.1", 1000).then(
        (reply) => reply === "PONG" || reply.startsWith("NOAUTH"),
        () => false,
      ),
    { timeoutMs: options.startTimeoutMs, stop: server.exited },
  );
  if (outcome === "ready") return { server };
  await server.stop();
  return {
    failure: `redis-server ${outcome === "timeout" ? "did not answer PING in time" : server.describeExit()}${server.output ? ` (output: ${server.output.slice(-600)})` : ""}`,
    addressInUse: /address already in use/i.test(server.output),
  };
}

function startFailed(failure: string): TestkitError {
  return new TestkitError(
    `startRedisServer: ${failure}. Run redis-server by hand to see why it does not start.`,
    "service_start_failed",
  );
}

/**
 * Starts `redis-server` on 127.0.0.1 at a free port, persisting nothing (`--save ""`,
 * `--appendonly no`, unless `args` say otherwise) and working in a fresh temporary directory,
 * and resolves once it answers `PING`.
 *
 * @throws TestkitError (`service_unavailable`) when the binary is not on PATH.
 * @throws TestkitError (`service_start_failed`) when it exits or stays silent; the message
 * quotes the server's last output.
 * @example
 * ```ts
 * await using redis = await startRedisServer();
 * const persistence = createRedisPersistence({ url: redis.url });
 * ```
 */
export async function startRedisServer(
  options: StartRedisServerOptions = {},
): Promise<RedisServer> {
  const executable = options.executable ?? (await findExecutable("redis-server"));
  if (executable === undefined) {
    throw new TestkitError(
      `startRedisServer: ${await probeRedisServer()}. Or gate the suite with describeWithService("redis-server", probeRedisServer, ...).`,
      "service_unavailable",
    );
  }
  const dir = await tempDir("entrakit-redis-");
  try {
    const settings: Launch = {
      executable,
      args: options.args ?? [],
      dir,
      startTimeoutMs: options.startTimeoutMs ?? 10_000,
    };
    let lastFailure = "";
    // A free port can be taken between probing and binding; a fresh port usually fixes that.
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const port = await freePort();
      const outcome = await launch(settings, port);
      if ("server" in outcome) return runningServer(outcome.server, port, settings);
      lastFailure = outcome.failure;
      if (!outcome.addressInUse) break;
    }
    throw startFailed(lastFailure);
  } catch (error) {
    await dir.close();
    throw error;
  }
}

function runningServer(first: ServiceProcess, port: number, settings: Launch): RedisServer {
  let server = first;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= server.stop().finally(() => settings.dir.close());
    return closing;
  };
  const restart = async () => {
    if (closing) {
      throw new TestkitError(
        "startRedisServer: restart() after close(). Start a new server instead.",
        "service_start_failed",
      );
    }
    await server.stop();
    const outcome = await launch(settings, port);
    if (!("server" in outcome)) throw startFailed(outcome.failure);
    server = outcome.server;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    host: "127.0.0.1",
    port,
    dir: settings.dir.path,
    kill: () => server.kill(),
    restart,
    close,
    [Symbol.asyncDispose]: close,
  };
}
