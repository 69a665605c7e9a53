import { constants } from "node:fs";
import { open, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ManualClock, tempDir } from "@entrakit/testkit";
import { describe, expect, it, vi } from "vitest";
import { createFilePersistence } from "../../src/index";

vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  return { ...actual, open: vi.fn(actual.open) };
});

/** How often the package opened `path` for reading since the last call. */
function readsOf(path: string): () => number {
  let seen = vi.mocked(open).mock.calls.length;
  return () => {
    const calls = vi.mocked(open).mock.calls.slice(seen);
    seen = vi.mocked(open).mock.calls.length;
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
});
