import fs, { constants } from "node:fs";
import { mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ManualClock, tempDir } from "@entrakit/testkit";
import { describe, expect, it, vi } from "vitest";
import { createFilePersistence } from "../../src/index";

/** How often the package opened `path` for reading since the last call. */
function readsOf(path: string): () => number {
  // The package reads a cache through the callback API (one promise for open, fstat, read,
  // close). Spied here, not at the top: the config restores mocks before each test.
  const open = vi.spyOn(fs, "open");
  let seen = open.mock.calls.length;
  return () => {
    const calls = open.mock.calls.slice(seen);
    seen = open.mock.calls.length;
    return calls.filter(
      ([opened, flags]) =>
        opened === path && typeof flags === "number" && (flags & constants.O_WRONLY) === 0,
    ).length;
  };
}

const cacheJson = JSON.stringify({ AccessToken: { k: { secret: "s" } } });

describe("the file cache's memo", () => {
  it("reads a file that had just changed on every check until it settles, then trusts its stat", async () => {
    await using directory = await tempDir();
    const path = join(directory.path, "msal.cache");
    await writeFile(path, cacheJson);
    const clock = new ManualClock({ start: Date.now() });
    const persistence = createFilePersistence({ directory: directory.path, clock });
    const reads = readsOf(path);
    const version = await persistence.version?.();
    expect(reads()).toBe(1);
    // A second write within the same clock tick would not show in the stat yet.
    expect(await persistence.version?.()).toBe(version);
    expect(reads()).toBe(1);
    clock.advance(3_000);
    expect(await persistence.version?.()).toBe(version);
    expect(reads()).toBe(1);
    expect(await persistence.version?.()).toBe(version);
    expect((await persistence.load())?.data).toBe(cacheJson);
    expect(reads()).toBe(0);
  });

  it("hands back the same checked snapshot while the file is unchanged, its parse kept off its keys", async () => {
    await using directory = await tempDir();
    const clock = new ManualClock({ start: Date.now() + 3_000 });
    await writeFile(join(directory.path, "msal.cache"), cacheJson);
    const persistence = createFilePersistence({ directory: directory.path, clock });
    const first = await persistence.load();
    expect(first?.cache).toEqual(JSON.parse(cacheJson));
    expect(Object.keys(first ?? {})).toEqual(["data", "version"]);
    expect(await persistence.load()).toBe(first);
  });

  it("inside one lock hold, compare-and-swap trusts what was read under it", async () => {
    await using directory = await tempDir();
    const path = join(directory.path, "msal.cache");
    await writeFile(path, cacheJson);
    const persistence = createFilePersistence({ directory: directory.path });
    const reads = readsOf(path);
    const saved = await persistence.withLock?.(async () => {
      const version = await persistence.version?.();
      return persistence.save("{}", version);
    });
    expect(saved?.version).toEqual(expect.any(String));
    expect(reads()).toBe(1);
    // Outside that hold, the file just written is read again before it is trusted.
    expect(await persistence.save(cacheJson, saved?.version)).toEqual({
      version: expect.any(String),
    });
    expect(reads()).toBe(1);
  });

  it("makes the cache directory again when it was removed after the first save", async () => {
    await using root = await tempDir();
    const directory = join(root.path, "cache");
    const persistence = createFilePersistence({ directory });
    await persistence.save(cacheJson, undefined);
    await rm(directory, { recursive: true });
    expect(await persistence.load()).toBeUndefined();
    expect((await persistence.save(cacheJson, undefined)).version).toEqual(expect.any(String));
    expect((await persistence.load())?.data).toBe(cacheJson);
  });

  it.skipIf(constants.O_NOFOLLOW === undefined)(
    "on a first load, refuses a planted symlink through the open itself (O_NOFOLLOW)",
    async () => {
      await using directory = await tempDir();
      const path = join(directory.path, "msal.cache");
      const target = join(directory.path, "elsewhere");
      await writeFile(target, cacheJson);
      await symlink(target, path);
      const open = vi.spyOn(fs, "open");
      const persistence = createFilePersistence({ directory: directory.path });
      await expect(persistence.load()).rejects.toMatchObject({ code: "cache_path_is_symlink" });
      const opens = open.mock.calls.filter(([opened]) => opened === path);
      expect(opens).toHaveLength(1);
      expect(Number(opens[0]?.[1]) & constants.O_NOFOLLOW).toBe(constants.O_NOFOLLOW);
      // The link was never followed: its target was not opened.
      expect(open.mock.calls.some(([opened]) => opened === target)).toBe(false);
    },
  );

  it("refuses a directory at the cache path on a first load", async () => {
    await using directory = await tempDir();
    await mkdir(join(directory.path, "msal.cache"));
    const persistence = createFilePersistence({ directory: directory.path });
    await expect(persistence.load()).rejects.toMatchObject({
      code: "cache_read_failed",
      message: expect.stringContaining("not a regular file"),
    });
  });

  it("hashes the content only when its version is first asked for", async () => {
    await using directory = await tempDir();
    await writeFile(join(directory.path, "msal.cache"), cacheJson);
    const persistence = createFilePersistence({ directory: directory.path });
    const snapshot = await persistence.load();
    expect(Object.getOwnPropertyDescriptor(snapshot, "version")?.get).toEqual(expect.any(Function));
    const version = await persistence.version?.();
    expect(snapshot?.version).toBe(version);
    expect(Object.getOwnPropertyDescriptor(snapshot, "version")).toMatchObject({ value: version });
    expect({ ...snapshot }).toEqual({ data: cacheJson, version });
    // The version is still the content's: another instance over the same bytes agrees.
    const other = createFilePersistence({ directory: directory.path });
    expect((await other.load())?.version).toBe(version);
  });
});
