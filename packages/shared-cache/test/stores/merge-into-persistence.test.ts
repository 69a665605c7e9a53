import { type CachePersistence, createMemoryPersistence } from "@entrakit/cache-persistence";
import { describe, expect, it } from "vitest";
import { mergeIntoPersistence } from "../../src/stores/merge-into-persistence";
import { storedJson } from "../helpers/credential";

const withTokens = JSON.stringify({
  RefreshToken: { r: { secret: "other-app" } },
  Custom: { x: 1 },
});

describe("mergeIntoPersistence", () => {
  it("retries with the newer cache when another writer saved first, keeping both writers' entries", async () => {
    const memory = createMemoryPersistence({ initialData: withTokens });
    let raced = false;
    const racing: CachePersistence = {
      ...memory,
      description: "racing memory",
      async save(data, expected) {
        if (!raced) {
          raced = true;
          const current = await memory.load();
          const cache = JSON.parse(current?.data ?? "{}");
          cache.RefreshToken.other = { secret: "written meanwhile" };
          await memory.save(JSON.stringify(cache), current?.version);
        }
        return memory.save(data, expected);
      },
    };
    expect(await mergeIntoPersistence(racing, { AccessToken: { a: { secret: "mine" } } })).toBe(
      true,
    );
    expect(await storedJson(memory)).toEqual({
      RefreshToken: { r: { secret: "other-app" }, other: { secret: "written meanwhile" } },
      Custom: { x: 1 },
      AccessToken: { a: { secret: "mine" } },
    });
  });

  it("gives up after repeated lost races with cache_save_conflict", async () => {
    const memory = createMemoryPersistence({ initialData: withTokens });
    const losing: CachePersistence = { ...memory, save: async () => ({ conflict: true }) };
    await expect(mergeIntoPersistence(losing, { AccessToken: { a: {} } })).rejects.toMatchObject({
      code: "cache_save_conflict",
    });
  });

  it("runs under the backend's lock when it has one", async () => {
    const memory = createMemoryPersistence({ initialData: withTokens });
    const events: string[] = [];
    const locked: CachePersistence = {
      ...memory,
      async withLock(fn) {
        events.push("lock");
        const result = await fn();
        events.push("unlock");
        return result;
      },
      async save(data, expected) {
        events.push("save");
        return memory.save(data, expected);
      },
    };
    await mergeIntoPersistence(locked, { AccessToken: { a: {} } });
    expect(events).toEqual(["lock", "save", "unlock"]);
  });

  it("does not create, and does not write into a store without tokens", async () => {
    expect(await mergeIntoPersistence(createMemoryPersistence(), { AccessToken: { a: {} } })).toBe(
      false,
    );
    const marker = createMemoryPersistence({ initialData: "{}" });
    expect(await mergeIntoPersistence(marker, { AccessToken: { a: {} } })).toBe(false);
    expect(await storedJson(marker)).toEqual({});
  });

  it("refuses to overwrite a cache it cannot parse", async () => {
    const memory = createMemoryPersistence({ initialData: withTokens });
    const broken: CachePersistence = {
      ...memory,
      load: async () => ({ data: "[1,2", version: "v" }),
    };
    await expect(mergeIntoPersistence(broken, { AccessToken: { a: {} } })).rejects.toMatchObject({
      code: "cache_unreadable",
    });
    expect(await storedJson(memory)).toEqual(JSON.parse(withTokens));
  });

  it("skips the save when the entries are already there", async () => {
    const memory = createMemoryPersistence({ initialData: withTokens });
    const before = await memory.load();
    expect(
      await mergeIntoPersistence(memory, { RefreshToken: { r: { secret: "other-app" } } }),
    ).toBe(true);
    expect((await memory.load())?.version).toBe(before?.version);
  });
});
