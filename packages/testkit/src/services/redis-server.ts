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
  /** Stops the server and removes its directory. Idempotent. */
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

/**
 * Starts `redis-server` on 127.0.0.1 at a free port, persisting nothing (`--save ""`,
 * `--appendonly no`) and working in a fresh temporary directory, and resolves once it answers
 * `PING`.
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
    let lastFailure = "";
    // A free port can be taken between probing and binding; a fresh port usually fixes that.
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const port = await freePort();
      const server = new ServiceProcess(
        executable,
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
          dir.path,
          "--daemonize",
          "no",
          "--logfile",
          "",
          ...(options.args ?? []),
        ],
        { PATH: process.env.PATH ?? "" },
        dir.path,
      );
      const outcome = await waitUntil(
        () =>
          pingRedis(port, "127.0.0.1", 1000).then(
            (reply) => reply === "PONG" || reply.startsWith("NOAUTH"),
            () => false,
          ),
        { timeoutMs: options.startTimeoutMs ?? 10_000, stop: server.exited },
      );
      if (outcome === "ready") return runningServer(server, port, dir);
      await server.stop();
      lastFailure = `redis-server ${outcome === "timeout" ? "did not answer PING in time" : server.describeExit()}${server.output ? ` (output: ${server.output.slice(-600)})` : ""}`;
      if (!/address already in use/i.test(server.output)) break;
    }
    throw new TestkitError(
      `startRedisServer: ${lastFailure}. Run redis-server by hand to see why it does not start.`,
      "service_start_failed",
    );
  } catch (error) {
    await dir.close();
    throw error;
  }
}

function runningServer(server: ServiceProcess, port: number, dir: TempDir): RedisServer {
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= server.stop().finally(() => dir.close());
    return closing;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    host: "127.0.0.1",
    port,
    dir: dir.path,
    close,
    [Symbol.asyncDispose]: close,
  };
}
