// Redis dies in the middle of a write: the caller gets a clear error, the stored cache is neither
// emptied nor half-written, and the unsaved change is saved once Redis is back.
import { createCachePlugin } from "@entrakit/cache-persistence";
import {
  describeWithService,
  probeRedisServer,
  type RedisServer,
  startRedisServer,
} from "@entrakit/testkit";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { afterEach, describe, expect, it } from "vitest";
import { createRedisPersistence, type RedisCommandRunner, redisCacheKey } from "../../src/index";

interface Connected {
  readonly send: RedisCommandRunner;
  ready(): Promise<void>;
  close(): Promise<void>;
}

const connect: Record<string, (url: string) => Promise<Connected>> = {
  "node-redis": async (url) => {
    // Without the offline queue a command fails at once while the connection is down.
    const client = await createClient({
      url,
      disableOfflineQueue: true,
      socket: { reconnectStrategy: () => 20 },
    })
      .on("error", () => undefined)
      .connect();
    return {
      send: (args) => client.sendCommand(args),
      ready: () => waitFor(async () => (await client.ping()) === "PONG"),
      close: async () => {
        client.destroy();
      },
    };
  },
  ioredis: async (url) => {
    const client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => 20,
    });
    client.on("error", () => undefined);
    await waitFor(async () => client.status === "ready");
    return {
      send: ([command = "", ...args]) => client.call(command, ...args),
      ready: () =>
        waitFor(async () => client.status === "ready" && (await client.ping()) === "PONG"),
      close: async () => {
        client.disconnect();
      },
    };
  },
};

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  // Reconnecting is the client's business and takes real time; poll it, bounded.
  for (let attempt = 0; attempt < 500; attempt++) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("the client did not reconnect");
}

function tokenCache() {
  let cache: Record<string, Record<string, unknown>> = {};
  return {
    serialize: () => JSON.stringify(cache),
    deserialize: (text: string) => {
      cache = JSON.parse(text);
    },
    add(key: string) {
      cache.AccessToken ??= {};
      cache.AccessToken[key] = { credential_type: "AccessToken", secret: `secret-of-${key}` };
    },
  };
}

describeWithService("redis-server", probeRedisServer, () => {
  describe.each(Object.keys(connect))("a Redis outage mid-write with %s", (kind) => {
    let server: RedisServer | undefined;
    let client: Connected | undefined;
    afterEach(async () => {
      await client?.close();
      await server?.close();
    });

    it("fails the write clearly, keeps the stored cache whole, and saves the change after recovery", async () => {
      // Every write is fsynced to an append-only file first, so a SIGKILL loses nothing saved.
      server = await startRedisServer({
        args: ["--appendonly", "yes", "--appendfsync", "always"],
      });
      const connected = await (connect[kind] as (url: string) => Promise<Connected>)(server.url);
      client = connected;
      let killBeforeNextSave = false;
      const running = server;
      const send: RedisCommandRunner = async (args, options) => {
        if (killBeforeNextSave && args[0] === "EVAL") {
          killBeforeNextSave = false;
          await running.kill();
        }
        return connected.send(args, options);
      };
      const persistence = createRedisPersistence({ client: send, partition: "uid.utid" });
      const plugin = createCachePlugin(persistence);
      const cache = tokenCache();
      await plugin.beforeCacheAccess({ cacheHasChanged: false, tokenCache: cache });
      cache.add("before-outage");
      await plugin.afterCacheAccess({ cacheHasChanged: true, tokenCache: cache });

      cache.add("during-outage");
      killBeforeNextSave = true;
      const error = await plugin
        .afterCacheAccess({ cacheHasChanged: true, tokenCache: cache })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: "CredentialUnavailableError",
        code: "cache_unavailable",
      });
      expect((error as Error).message).toMatch(
        /^RedisPersistence: save failed \(.+\)\. Check that Redis is reachable; a save is applied whole or not at all/,
      );

      await running.restart();
      await connected.ready();
      const stored = await connected.send(
        ["HGET", redisCacheKey({ partition: "uid.utid" }), "data"],
        { signal: new AbortController().signal },
      );
      expect(Object.keys(JSON.parse(String(stored)).AccessToken)).toEqual(["before-outage"]);

      await plugin.beforeCacheAccess({ cacheHasChanged: false, tokenCache: cache });
      await plugin.afterCacheAccess({ cacheHasChanged: false, tokenCache: cache });
      const after = await persistence.load();
      expect(Object.keys(JSON.parse(after?.data ?? "{}").AccessToken).sort()).toEqual([
        "before-outage",
        "during-outage",
      ]);
    });
  });
});
