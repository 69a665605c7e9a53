// Eight processes (four with node-redis, four with ioredis) add 50 distinct entries each to the
// same partition at the same time: all 400 arrive, and the stored cache is always valid JSON.
import { join } from "node:path";
import {
  describeWithService,
  lastJson,
  probeRedisServer,
  type RedisServer,
  runNode,
  startRedisServer,
} from "@entrakit/testkit";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisCacheKey } from "../../src/index";

const worker = join(import.meta.dirname, "..", "fixtures", "redis-worker.mjs");

describeWithService("redis-server", probeRedisServer, () => {
  describe("Redis backend under concurrency", () => {
    let server: RedisServer;
    beforeAll(async () => {
      server = await startRedisServer();
    });
    afterAll(async () => {
      await server?.close();
    });

    it("keeps all 400 entries from 8 clients", { timeout: 180_000 }, async () => {
      const reader = await createClient({ url: server.url }).connect();
      const key = redisCacheKey({ partition: "uid.utid" });
      let running = true;
      let reads = 0;
      let invalid = 0;
      const watching = (async () => {
        while (running) {
          const data = await reader.hGet(key, "data");
          if (data !== null && data !== undefined) {
            reads++;
            try {
              JSON.parse(String(data));
            } catch {
              invalid++;
            }
          }
        }
      })();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, id) =>
          runNode(worker, [server.url, id % 2 === 0 ? "node-redis" : "ioredis", String(id), "50"], {
            ...process.env,
          }),
        ),
      );
      running = false;
      await watching;
      for (const result of results) expect(result.code, result.stderr).toBe(0);
      expect(results.map((result) => lastJson(result).done)).toEqual(Array(8).fill(50));
      const final = JSON.parse(String(await reader.hGet(key, "data")));
      expect(Object.keys(final.AccessToken)).toHaveLength(400);
      for (let id = 0; id < 8; id++) {
        for (let i = 0; i < 50; i++)
          expect(final.AccessToken[`worker${id}-entry${i}`]?.secret).toBe(`s-${id}-${i}`);
      }
      expect(reads).toBeGreaterThan(0);
      expect(invalid).toBe(0);
      await reader.close();
    });
  });
});
