// The Redis backend against a real redis-server on loopback, with node-redis and with ioredis.

import {
  captureAzureLogs,
  describeWithService,
  ManualClock,
  probeRedisServer,
  type RedisServer,
  startRedisServer,
} from "@entrakit/testkit";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisPersistence, type RedisClientLike, redisCacheKey } from "../../src/index";

interface Client {
  readonly client: RedisClientLike;
  command(...args: string[]): Promise<unknown>;
  close(): Promise<void>;
}

const clients: Record<string, (url: string) => Promise<Client>> = {
  "node-redis": async (url) => {
    const client = await createClient({ url }).connect();
    return {
      client,
      command: (...args) => client.sendCommand(args),
      close: async () => void (await client.close()),
    };
  },
  ioredis: async (url) => {
    const client = new Redis(url);
    return {
      client,
      command: (first, ...rest) => client.call(first ?? "", ...rest),
      close: async () => void (await client.quit()),
    };
  },
};

describeWithService("redis-server", probeRedisServer, () => {
  describe.each(Object.keys(clients))("Redis backend with %s", (kind) => {
    let server: RedisServer;
    let redis: Client;
    let n = 0;
    const partition = () => `user-${kind}-${n++}`;
    beforeAll(async () => {
      server = await startRedisServer();
      redis = await (clients[kind] as (url: string) => Promise<Client>)(server.url);
    });
    afterAll(async () => {
      await redis?.close();
      await server?.close();
    });

    it("saves with compare-and-swap, loads, reports its version and deletes", async () => {
      const persistence = createRedisPersistence({ client: redis.client, partition: partition() });
      expect(persistence.description).toBe("redis entrakit:token-cache:msal.cache:<partition>");
      expect(await persistence.load()).toBeUndefined();
      expect(await persistence.version?.()).toBeUndefined();
      const first = await persistence.save('{"AccessToken":{}}', undefined);
      expect(first.version).toEqual(expect.any(String));
      expect(await persistence.load()).toEqual({
        data: '{"AccessToken":{}}',
        version: first.version,
      });
      expect(await persistence.version?.()).toBe(first.version);
      expect(await persistence.save("{}", undefined)).toEqual({ conflict: true });
      expect(await persistence.save("{}", "not-the-version")).toEqual({ conflict: true });
      const second = await persistence.save('{"Account":{}}', first.version);
      expect(second.version).not.toBe(first.version);
      await persistence.delete();
      expect(await persistence.load()).toBeUndefined();
    });

    it("keeps one key per partition, so users never read each other's tokens", async () => {
      const alice = partition();
      const bob = partition();
      await createRedisPersistence({ client: redis.client, partition: alice }).save(
        '{"A":{}}',
        undefined,
      );
      await createRedisPersistence({ client: redis.client, partition: bob }).save(
        '{"B":{}}',
        undefined,
      );
      expect(await redis.command("HGET", redisCacheKey({ partition: alice }), "data")).toBe(
        '{"A":{}}',
      );
      expect(await redis.command("HGET", redisCacheKey({ partition: bob }), "data")).toBe(
        '{"B":{}}',
      );
      expect(
        (await createRedisPersistence({ client: redis.client, partition: alice }).load())?.data,
      ).toBe('{"A":{}}');
    });

    it("sets and renews the TTL, or none with ttlSeconds 0", async () => {
      const p = partition();
      await createRedisPersistence({ client: redis.client, partition: p, ttlSeconds: 600 }).save(
        "{}",
        undefined,
      );
      const ttl = Number(await redis.command("TTL", redisCacheKey({ partition: p })));
      expect(ttl).toBeGreaterThan(590);
      expect(ttl).toBeLessThanOrEqual(600);
      const forever = createRedisPersistence({ client: redis.client, partition: p, ttlSeconds: 0 });
      await forever.save("{}", (await forever.load())?.version);
      expect(Number(await redis.command("TTL", redisCacheKey({ partition: p })))).toBe(-1);
    });

    it("moves an unparseable cache aside with one warning and continues empty", async () => {
      const p = partition();
      const key = redisCacheKey({ partition: p });
      await redis.command(
        "HSET",
        key,
        "data",
        '{"AccessToken": {"k": {"secret": "trunc',
        "version",
        "v1",
      );
      using logs = captureAzureLogs();
      const persistence = createRedisPersistence({
        client: redis.client,
        partition: p,
        clock: new ManualClock({ start: Date.UTC(2030, 0, 1), autoAdvance: true }),
      });
      expect(await persistence.load()).toBeUndefined();
      expect(await redis.command("HGET", key, "corrupt-20300101T000000000Z")).toBe(
        '{"AccessToken": {"k": {"secret": "trunc',
      );
      expect(await redis.command("HEXISTS", key, "data")).toBe(0);
      expect(logs.lines.filter((line) => line.includes("moved it aside"))).toHaveLength(1);
      expect((await persistence.save("{}", undefined)).version).toEqual(expect.any(String));
    });

    it("loads a cache another tool stored without a version field", async () => {
      const p = partition();
      await redis.command("HSET", redisCacheKey({ partition: p }), "data", '{"Account":{}}');
      const persistence = createRedisPersistence({ client: redis.client, partition: p });
      expect(await persistence.version?.()).toBe("");
      const loaded = await persistence.load();
      expect(loaded).toEqual({ data: '{"Account":{}}', version: "" });
      expect((await persistence.save("{}", loaded?.version)).version).toEqual(expect.any(String));
    });

    it("reports a key of another type clearly and leaves it alone", async () => {
      const p = partition();
      const key = redisCacheKey({ partition: p });
      await redis.command("SET", key, "not a hash");
      const persistence = createRedisPersistence({ client: redis.client, partition: p });
      await expect(persistence.load()).rejects.toMatchObject({
        name: "CredentialUnavailableError",
        code: "cache_unreadable",
      });
      await expect(persistence.save("{}", undefined)).rejects.toMatchObject({
        code: "cache_unreadable",
      });
      expect(await redis.command("GET", key)).toBe("not a hash");
    });

    it("refuses a cache larger than maxCacheBytes", async () => {
      const p = partition();
      const persistence = createRedisPersistence({
        client: redis.client,
        partition: p,
        maxCacheBytes: 10,
      });
      await persistence.save('{"AccessToken":{"k":{}}}', undefined);
      await expect(persistence.load()).rejects.toMatchObject({ code: "cache_too_large" });
    });
  });
});

describe("createRedisPersistence options", () => {
  const client = async () => null;
  it("checks them", () => {
    expect(() => createRedisPersistence({ client, ttlSeconds: -1 })).toThrow(/ttlSeconds/);
    expect(() => createRedisPersistence({ client, commandTimeoutMs: 0 })).toThrow(
      /commandTimeoutMs/,
    );
    expect(() => createRedisPersistence({ client, name: "bad/name" })).toThrow(/name must be/);
    expect(() => createRedisPersistence({ client: {} as never })).toThrow(TypeError);
  });

  it("times out a command that gets no answer, and honours an AbortSignal", async () => {
    const never = () => new Promise<never>(() => undefined);
    const persistence = createRedisPersistence({ client: never, commandTimeoutMs: 20 });
    await expect(persistence.load()).rejects.toMatchObject({
      code: "cache_unavailable",
      message: expect.stringContaining("no answer within 20 ms"),
    });
    const controller = new AbortController();
    const pending = createRedisPersistence({ client: never }).load({
      abortSignal: controller.signal,
    });
    controller.abort(new Error("caller gave up"));
    await expect(pending).rejects.toThrow("caller gave up");
  });
});
