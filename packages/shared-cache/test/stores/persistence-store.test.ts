import { type CachePersistence, createMemoryPersistence } from "@entrakit/cache-persistence";
import { describe, expect, it } from "vitest";
import { asUnavailable, PersistenceStore } from "../../src/stores/persistence-store";
import { buildCache } from "../helpers/cache-builder";

describe("PersistenceStore", () => {
  it("parses again only when the backend's version moved", async () => {
    const memory = createMemoryPersistence({
      initialData: JSON.stringify(buildCache([{ username: "a@contoso.com" }])),
    });
    let loads = 0;
    const counted: CachePersistence = {
      ...memory,
      load: () => {
        loads++;
        return memory.load();
      },
    };
    const store = new PersistenceStore(counted, "msal.cache.cae");
    expect(store.kind).toBe("cae");
    const first = await store.read();
    expect(await store.read()).toBe(first);
    expect(loads).toBe(1);
    const current = await memory.load();
    await memory.save(
      JSON.stringify(buildCache([{ username: "b@contoso.com" }])),
      current?.version,
    );
    const second = await store.read();
    expect(second).not.toBe(first);
    expect(loads).toBe(2);
  });

  it("reads a backend's version only when a later read compares it", async () => {
    const memory = createMemoryPersistence({
      initialData: JSON.stringify(buildCache([{ username: "a@contoso.com" }])),
    });
    let versionReads = 0;
    const lazy: CachePersistence = {
      ...memory,
      version: undefined,
      load: async () => {
        const loaded = await memory.load();
        if (loaded === undefined) return undefined;
        return {
          data: loaded.data,
          get version() {
            versionReads++;
            return loaded.version;
          },
        };
      },
    };
    const store = new PersistenceStore(lazy, "msal.cache");
    const first = await store.read();
    expect(first?.index).toBeDefined();
    expect(versionReads).toBe(0);
    expect(await store.read()).toBe(first);
    expect(versionReads).toBeGreaterThan(0);
  });

  it("indexes the parsed cache a backend hands over instead of parsing the text again", async () => {
    const cache = buildCache([{ username: "a@contoso.com" }]);
    const handing: CachePersistence = {
      ...createMemoryPersistence(),
      load: async () => {
        // Not even JSON: only the parsed form can have been read.
        const snapshot = { data: "parsed elsewhere", version: "1" };
        Object.defineProperty(snapshot, "cache", { value: cache, enumerable: false });
        return snapshot;
      },
    };
    const snapshot = await new PersistenceStore(handing, "msal.cache").read();
    expect([...(snapshot?.index.accounts.values() ?? [])].flat()[0]?.username).toBe(
      "a@contoso.com",
    );
  });

  it("reports a stored value that is not a cache as cache_unreadable", async () => {
    const broken: CachePersistence = {
      ...createMemoryPersistence(),
      description: "custom",
      load: async () => ({ data: "[]", version: "1" }),
    };
    const load = await new PersistenceStore(broken, "msal.cache").load();
    expect(load.failures.map((f) => f.code)).toEqual(["cache_unreadable"]);
    expect(load.lookedIn).toEqual(["custom"]);
  });

  it("turns an unexpected backend failure into a CredentialUnavailableError with the cause", () => {
    const error = asUnavailable(new TypeError("boom"));
    expect(error).toMatchObject({ name: "CredentialUnavailableError", code: "cache_unavailable" });
    expect((error.cause as Error).message).toBe("boom");
  });
});
