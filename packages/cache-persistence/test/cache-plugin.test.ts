import { captureAzureLogs, ManualClock, tempDir } from "@entrakit/testkit";
import { describe, expect, it, vi } from "vitest";
import {
  type CachePersistence,
  createCachePlugin,
  createFilePersistence,
  createMemoryPersistence,
} from "../src/index";
import { accessToken, FakeTokenCache } from "./helpers/fake-token-cache";

function spyOn(persistence: CachePersistence) {
  return {
    load: vi.spyOn(persistence, "load"),
    save: vi.spyOn(persistence, "save"),
  };
}

describe("createCachePlugin", () => {
  it("loads the stored cache into MSAL on first access", async () => {
    const persistence = createMemoryPersistence({
      initialData: JSON.stringify({ AccessToken: { a: accessToken("one") } }),
    });
    const cache = new FakeTokenCache();
    await createCachePlugin(persistence).beforeCacheAccess(cache.context(false));
    expect(cache.cache).toEqual({ AccessToken: { a: accessToken("one") } });
  });

  it("reads the store only when the stored version changed, and never after its own write", async () => {
    const persistence = createMemoryPersistence();
    const spies = spyOn(persistence);
    const cache = new FakeTokenCache();
    const plugin = createCachePlugin(persistence);
    await plugin.beforeCacheAccess(cache.context(true));
    cache.set("AccessToken", "a", accessToken("one"));
    await plugin.afterCacheAccess(cache.context(true));
    const loads = () => spies.load.mock.calls.length;
    const loadsAfterOwnWrite = loads();
    await plugin.beforeCacheAccess(cache.context(false));
    await plugin.afterCacheAccess(cache.context(false));
    expect(loads()).toBe(loadsAfterOwnWrite);

    const other = new FakeTokenCache();
    const otherPlugin = createCachePlugin(persistence);
    await otherPlugin.beforeCacheAccess(other.context(true));
    other.set("AccessToken", "b", accessToken("two"));
    await otherPlugin.afterCacheAccess(other.context(true));

    const loadsAfterOtherWrite = loads();
    await plugin.beforeCacheAccess(cache.context(false));
    expect(loads()).toBe(loadsAfterOtherWrite + 1);
    expect(Object.keys(cache.cache.AccessToken ?? {}).sort()).toEqual(["a", "b"]);
  });

  it("hands MSAL its whole cache on every access, for MSAL empties it before a silent lookup", async () => {
    const persistence = createMemoryPersistence();
    const cache = new FakeTokenCache();
    const plugin = createCachePlugin(persistence);
    await plugin.beforeCacheAccess(cache.context(true));
    cache.set("RefreshToken", "family", { credential_type: "RefreshToken", secret: "rt" });
    await plugin.afterCacheAccess(cache.context(true));
    await cache.reloadLikeAcquireTokenSilent(plugin);
    expect(cache.cache.RefreshToken).toEqual({
      family: { credential_type: "RefreshToken", secret: "rt" },
    });
    expect(JSON.parse((await persistence.load())?.data ?? "{}").RefreshToken).toEqual(
      cache.cache.RefreshToken,
    );
  });

  it("hands MSAL its cache once after a change, and not again while nothing changes", async () => {
    const persistence = createMemoryPersistence();
    const spies = spyOn(persistence);
    const cache = new FakeTokenCache();
    const plugin = createCachePlugin(persistence);
    await plugin.beforeCacheAccess(cache.context(true));
    cache.set("RefreshToken", "family", { credential_type: "RefreshToken", secret: "rt" });
    await plugin.afterCacheAccess(cache.context(true));
    const handed = cache.deserializeCount;
    const loads = spies.load.mock.calls.length;
    for (let n = 0; n < 3; n++) await cache.reloadLikeAcquireTokenSilent(plugin);
    expect(cache.deserializeCount).toBe(handed + 1);
    expect(spies.load.mock.calls.length).toBe(loads);
    expect(cache.cache.RefreshToken).toEqual({
      family: { credential_type: "RefreshToken", secret: "rt" },
    });
  });

  it("hands every token cache sharing the plugin the whole cache", async () => {
    const persistence = createMemoryPersistence({
      initialData: JSON.stringify({ AccessToken: { a: accessToken("one") } }),
    });
    const plugin = createCachePlugin(persistence);
    const first = new FakeTokenCache();
    await plugin.beforeCacheAccess(first.context(true));
    first.set("AccessToken", "b", accessToken("two"));
    await plugin.afterCacheAccess(first.context(true));
    const second = new FakeTokenCache();
    await second.reloadLikeAcquireTokenSilent(plugin);
    expect(Object.keys(second.cache.AccessToken ?? {}).sort()).toEqual(["a", "b"]);
  });

  it("stores MSAL's own serialization when no one else wrote, without re-serializing", async () => {
    const persistence = createMemoryPersistence({
      initialData: JSON.stringify({ AccessToken: { a: accessToken("one") } }),
    });
    const spies = spyOn(persistence);
    const cache = new FakeTokenCache();
    const plugin = createCachePlugin(persistence);
    await plugin.beforeCacheAccess(cache.context(true));
    cache.set("AccessToken", "b", accessToken("two"));
    const serialize = vi.spyOn(cache, "serialize");
    // Only MSAL's own serialization runs; the plugin serializes no merged copy.
    const stringify = vi.spyOn(JSON, "stringify");
    await plugin.afterCacheAccess(cache.context(true));
    expect(stringify).toHaveBeenCalledTimes(1);
    expect(serialize).toHaveBeenCalledTimes(1);
    expect(spies.save.mock.calls[0]?.[0]).toBe(serialize.mock.results[0]?.value);
  });

  it("merges into the latest stored cache instead of overwriting it", async () => {
    const persistence = createMemoryPersistence({
      initialData: JSON.stringify({
        AccessToken: { a: accessToken("one") },
        Custom: { keep: { x: 1 } },
      }),
    });
    const mine = new FakeTokenCache();
    const plugin = createCachePlugin(persistence);
    await plugin.beforeCacheAccess(mine.context(true));
    // Another writer adds an entry after we loaded.
    const stored = await persistence.load();
    const theirs = JSON.parse(stored?.data ?? "{}");
    theirs.AccessToken.c = accessToken("three");
    await persistence.save(JSON.stringify(theirs), stored?.version);
    mine.set("AccessToken", "b", accessToken("two"));
    await plugin.afterCacheAccess(mine.context(true));
    const final = JSON.parse((await persistence.load())?.data ?? "{}");
    expect(Object.keys(final.AccessToken).sort()).toEqual(["a", "b", "c"]);
    expect(final.Custom).toEqual({ keep: { x: 1 } });
  });

  it("applies MSAL's removals of entries it had loaded", async () => {
    const persistence = createMemoryPersistence({
      initialData: JSON.stringify({ Account: { alice: { u: "a" }, bob: { u: "b" } } }),
    });
    const cache = new FakeTokenCache();
    const plugin = createCachePlugin(persistence);
    await plugin.beforeCacheAccess(cache.context(true));
    cache.remove("Account", "bob");
    await plugin.afterCacheAccess(cache.context(true));
    expect(JSON.parse((await persistence.load())?.data ?? "{}")).toEqual({
      Account: { alice: { u: "a" } },
    });
  });

  it("writes nothing when MSAL reports a change that changed nothing", async () => {
    const persistence = createMemoryPersistence({
      initialData: JSON.stringify({ AccessToken: { a: accessToken("one") } }),
    });
    const spies = spyOn(persistence);
    const cache = new FakeTokenCache();
    const plugin = createCachePlugin(persistence);
    await plugin.beforeCacheAccess(cache.context(true));
    await plugin.afterCacheAccess(cache.context(true));
    expect(spies.save).not.toHaveBeenCalled();
  });

  it("retries with back-off when another writer wins the compare-and-swap", async () => {
    const persistence = createMemoryPersistence();
    const save = persistence.save.bind(persistence);
    let conflicts = 2;
    vi.spyOn(persistence, "save").mockImplementation(async (data, expected) => {
      if (conflicts-- > 0) return { conflict: true };
      return save(data, expected);
    });
    const clock = new ManualClock({ autoAdvance: true });
    const cache = new FakeTokenCache();
    const plugin = createCachePlugin(persistence, { clock });
    await plugin.beforeCacheAccess(cache.context(true));
    cache.set("AccessToken", "a", accessToken("one"));
    await plugin.afterCacheAccess(cache.context(true));
    expect(clock.sleeps).toHaveLength(2);
    expect(JSON.parse((await persistence.load())?.data ?? "{}").AccessToken.a.secret).toBe("one");
  });

  it("gives up after maxSaveAttempts with cache_save_conflict", async () => {
    const persistence = createMemoryPersistence();
    vi.spyOn(persistence, "save").mockResolvedValue({ conflict: true });
    const cache = new FakeTokenCache();
    const plugin = createCachePlugin(persistence, {
      clock: new ManualClock({ autoAdvance: true }),
      maxSaveAttempts: 3,
    });
    await plugin.beforeCacheAccess(cache.context(true));
    cache.set("AccessToken", "a", accessToken("one"));
    await expect(plugin.afterCacheAccess(cache.context(true))).rejects.toMatchObject({
      code: "cache_save_conflict",
      message: expect.stringContaining("3 attempts"),
    });
  });

  it("keeps unsaved changes after a failed save and saves them on the next access", async () => {
    const persistence = createMemoryPersistence();
    const save = persistence.save.bind(persistence);
    const failing = vi
      .spyOn(persistence, "save")
      .mockRejectedValueOnce(Object.assign(new Error("store down"), { code: "cache_unavailable" }));
    const cache = new FakeTokenCache();
    const plugin = createCachePlugin(persistence);
    await plugin.beforeCacheAccess(cache.context(true));
    cache.set("AccessToken", "a", accessToken("one"));
    await expect(plugin.afterCacheAccess(cache.context(true))).rejects.toThrow("store down");
    failing.mockImplementation(save);
    await plugin.beforeCacheAccess(cache.context(false));
    await plugin.afterCacheAccess(cache.context(false));
    expect(JSON.parse((await persistence.load())?.data ?? "{}").AccessToken.a.secret).toBe("one");
  });

  it("with saveErrors 'log' logs a warning instead of failing the MSAL call", async () => {
    const persistence = createMemoryPersistence();
    vi.spyOn(persistence, "save").mockRejectedValueOnce(
      Object.assign(new Error("store down"), { code: "cache_unavailable" }),
    );
    using logs = captureAzureLogs();
    const cache = new FakeTokenCache();
    const plugin = createCachePlugin(persistence, { saveErrors: "log" });
    await plugin.beforeCacheAccess(cache.context(true));
    cache.set("AccessToken", "a", accessToken("one"));
    await plugin.afterCacheAccess(cache.context(true));
    expect(
      logs.lines.some(
        (line) =>
          line.includes("could not save the cache") && line.includes("code=cache_unavailable"),
      ),
    ).toBe(true);
    await plugin.afterCacheAccess(cache.context(false));
    expect((await persistence.load())?.data).toContain('"one"');
  });

  it("re-applies unsaved changes on top of a reload instead of losing them", async () => {
    const persistence = createMemoryPersistence();
    const save = persistence.save.bind(persistence);
    const spy = vi.spyOn(persistence, "save").mockRejectedValueOnce(new Error("down"));
    const cache = new FakeTokenCache();
    const plugin = createCachePlugin(persistence, { saveErrors: "log" });
    await plugin.beforeCacheAccess(cache.context(true));
    cache.set("AccessToken", "mine", accessToken("one"));
    await plugin.afterCacheAccess(cache.context(true));
    spy.mockImplementation(save);
    await persistence.save(
      JSON.stringify({ AccessToken: { theirs: accessToken("two") } }),
      undefined,
    );
    await plugin.beforeCacheAccess(cache.context(false));
    expect(Object.keys(cache.cache.AccessToken ?? {}).sort()).toEqual(["mine", "theirs"]);
    await plugin.afterCacheAccess(cache.context(false));
    expect(
      Object.keys(JSON.parse((await persistence.load())?.data ?? "{}").AccessToken).sort(),
    ).toEqual(["mine", "theirs"]);
  });

  it("keeps unsaved changes through MSAL emptying its cache, and saves them later", async () => {
    const persistence = createMemoryPersistence({
      initialData: JSON.stringify({ AccessToken: { theirs: accessToken("two") } }),
    });
    const save = persistence.save.bind(persistence);
    const spy = vi.spyOn(persistence, "save").mockRejectedValueOnce(new Error("down"));
    const cache = new FakeTokenCache();
    const plugin = createCachePlugin(persistence, { saveErrors: "log" });
    await plugin.beforeCacheAccess(cache.context(true));
    cache.set("AccessToken", "mine", accessToken("one"));
    await plugin.afterCacheAccess(cache.context(true));
    spy.mockImplementation(save);
    await cache.reloadLikeAcquireTokenSilent(plugin);
    expect(Object.keys(cache.cache.AccessToken ?? {}).sort()).toEqual(["mine", "theirs"]);
    expect(
      Object.keys(JSON.parse((await persistence.load())?.data ?? "{}").AccessToken).sort(),
    ).toEqual(["mine", "theirs"]);
  });

  it("does not bring back an unsaved change MSAL dropped before it could be saved", async () => {
    const persistence = createMemoryPersistence({
      initialData: JSON.stringify({ AccessToken: { a: accessToken("one") } }),
    });
    vi.spyOn(persistence, "save").mockRejectedValueOnce(new Error("down"));
    const cache = new FakeTokenCache();
    const plugin = createCachePlugin(persistence, { saveErrors: "log" });
    await plugin.beforeCacheAccess(cache.context(true));
    cache.set("AccessToken", "x", accessToken("dropped"));
    await plugin.afterCacheAccess(cache.context(true));
    await plugin.beforeCacheAccess(cache.context(true));
    cache.remove("AccessToken", "x");
    await plugin.afterCacheAccess(cache.context(true));
    await cache.reloadLikeAcquireTokenSilent(plugin);
    expect(Object.keys(cache.cache.AccessToken ?? {})).toEqual(["a"]);
  });

  it("empties MSAL's cache when the stored cache was deleted by another tool", async () => {
    const persistence = createMemoryPersistence({
      initialData: JSON.stringify({ AccessToken: { a: accessToken("one") } }),
    });
    const cache = new FakeTokenCache();
    const plugin = createCachePlugin(persistence);
    await plugin.beforeCacheAccess(cache.context(false));
    await persistence.delete();
    await plugin.beforeCacheAccess(cache.context(false));
    expect(cache.cache).toEqual({});
  });

  it("refuses unreadable data from a custom backend without overwriting it", async () => {
    const persistence = createMemoryPersistence();
    vi.spyOn(persistence, "load").mockResolvedValue({ data: "{not json", version: "v1" });
    const save = vi.spyOn(persistence, "save");
    const cache = new FakeTokenCache();
    const plugin = createCachePlugin(persistence);
    await expect(plugin.beforeCacheAccess(cache.context(true))).rejects.toMatchObject({
      code: "cache_unreadable",
    });
    cache.set("AccessToken", "a", accessToken("one"));
    await expect(plugin.afterCacheAccess(cache.context(true))).rejects.toMatchObject({
      code: "cache_unreadable",
    });
    expect(save).not.toHaveBeenCalled();
  });

  it("holds the backend's lock around read-modify-write", async () => {
    await using scratch = await tempDir();
    const persistence = createFilePersistence({ directory: scratch.path });
    const withLock = vi.spyOn(persistence, "withLock" as never);
    const cache = new FakeTokenCache();
    const plugin = createCachePlugin(persistence);
    await plugin.beforeCacheAccess(cache.context(true));
    cache.set("AccessToken", "a", accessToken("one"));
    await plugin.afterCacheAccess(cache.context(true));
    expect(withLock).toHaveBeenCalled();
  });

  it("checks maxSaveAttempts", () => {
    expect(() => createCachePlugin(createMemoryPersistence(), { maxSaveAttempts: 0 })).toThrow(
      /maxSaveAttempts/,
    );
  });
});
