// Starts a private redis-server on a free loopback port with its data in a temp directory.
// (testkit's startRedisServer() can replace this.)
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A running redis-server. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Kills the server at once (SIGKILL), as a crash or a lost machine would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts redis-server; with `durable`, every write is fsynced to an append-only file first. */
export async function startRedisServer(options: { durable?: boolean } = {}): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), "entrakit-redis-"));
  let child: ChildProcess | undefined;
  let port = 0;
  const launch = async () => {
    const args = [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--save",
      "",
      "--protected-mode",
      "no",
    ];
    if (options.durable) args.push("--appendonly", "yes", "--appendfsync", "always");
    else args.push("--appendonly", "no");
    const process_ = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
    child = process_;
    await new Promise<void>((resolve, reject) => {
      let output = "";
      process_.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Ready to accept connections")) resolve();
      });
      process_.once("exit", (code) =>
        reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`)),
      );
    });
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGKILL");
    await exited;
  };
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    restart: launch,
    async stop() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}
