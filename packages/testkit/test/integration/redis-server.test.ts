import { access } from "node:fs/promises";
import { createConnection } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  describeWithService,
  pingRedis,
  probeRedisServer,
  type RedisServer,
  startRedisServer,
} from "../../src/index.js";

/** Sends one RESP command and resolves with the reply's first two lines, e.g. `+OK`. */
function redisCommand(port: number, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    let reply = "";
    socket.once("error", reject);
    socket.once("connect", () =>
      socket.write(`*${args.length}\r\n${args.map((a) => `$${a.length}\r\n${a}\r\n`).join("")}`),
    );
    socket.on("data", (chunk) => {
      reply += chunk.toString("utf8");
      const lines = reply.split("\r\n");
      // A bulk string ($n) spans two lines; everything else here is one.
      const complete =
        lines[0]?.startsWith("$") && lines[0] !== "$-1" ? lines.length > 2 : lines.length > 1;
      if (complete) {
        socket.destroy();
        resolve(
          lines[0]?.startsWith("$") && lines[0] !== "$-1"
            ? `${lines[0]}\r\n${lines[1]}`
            : (lines[0] ?? ""),
        );
      }
    });
  });
}

describeWithService("redis-server", probeRedisServer, () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(() => redis?.close());

  test("listens on loopback at a free port and answers PING", async () => {
    expect(redis.host).toBe("127.0.0.1");
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    await expect(pingRedis(redis.port)).resolves.toBe("PONG");
  });

  test("two servers run side by side; close stops one and removes nothing of the other", async () => {
    const second = await startRedisServer();
    try {
      expect(second.port).not.toBe(redis.port);
      await expect(pingRedis(second.port)).resolves.toBe("PONG");
    } finally {
      await second.close();
    }
    await expect(pingRedis(second.port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await expect(pingRedis(redis.port)).resolves.toBe("PONG");
    await expect(second.close()).resolves.toBeUndefined();
  });

  test("extra arguments reach the server", async () => {
    await using guarded = await startRedisServer({ args: ["--requirepass", "pw-for-test"] });
    await expect(pingRedis(guarded.port)).resolves.toMatch(/^NOAUTH/);
  });

  test("a server that cannot start fails with its output", async () => {
    const error = await startRedisServer({ args: ["--no-such-option", "x"] }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: "TestkitError", code: "service_start_failed" });
    expect((error as Error).message).toMatch(/^startRedisServer: redis-server exited with code 1/);
    expect((error as Error).message).toMatch(/no-such-option/i);
  });

  test("close stops the server and removes its directory", async () => {
    const server = await startRedisServer();
    await expect(access(server.dir)).resolves.toBeUndefined();
    await server.close();
    await expect(pingRedis(server.port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await expect(access(server.dir)).rejects.toMatchObject({ code: "ENOENT" });
  });
  test("kill() crashes the server; restart() brings it back on the same port and data", async () => {
    await using durable = await startRedisServer({
      args: ["--appendonly", "yes", "--appendfsync", "always"],
    });
    await expect(redisCommand(durable.port, ["SET", "k", "kept"])).resolves.toBe("+OK");
    await durable.kill();
    await expect(pingRedis(durable.port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await expect(durable.kill()).resolves.toBeUndefined();
    await durable.restart();
    await expect(pingRedis(durable.port)).resolves.toBe("PONG");
    await expect(redisCommand(durable.port, ["GET", "k"])).resolves.toBe("$4\r\nkept");
  });

  test("without persistence, data does not survive kill() and restart()", async () => {
    await using volatile = await startRedisServer();
    await expect(redisCommand(volatile.port, ["SET", "k", "lost"])).resolves.toBe("+OK");
    await volatile.kill();
    await volatile.restart();
    await expect(redisCommand(volatile.port, ["GET", "k"])).resolves.toBe("$-1");
  });

  test("restart() of a running server stops it first; restart() after close() fails", async () => {
    const server = await startRedisServer();
    await server.restart();
    await expect(pingRedis(server.port)).resolves.toBe("PONG");
    await server.close();
    await expect(server.restart()).rejects.toMatchObject({ code: "service_start_failed" });
  });
});
