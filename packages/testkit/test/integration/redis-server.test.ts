import { access } from "node:fs/promises";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  describeWithService,
  pingRedis,
  probeRedisServer,
  type RedisServer,
  startRedisServer,
} from "../../src/index.js";

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
});
