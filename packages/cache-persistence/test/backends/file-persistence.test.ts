import { execFile } from "node:child_process";
import {
  chmod,
  lstat,
  readdir,
  readFile,
  stat,
  symlink,
  utimes,
  writeFile,
} from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { captureAzureLogs, ManualClock, tempDir } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import { createFilePersistence } from "../../src/index";

const execFileAsync = promisify(execFile);
const cacheJson = JSON.stringify({ AccessToken: { k: { secret: "s" } } });

describe("createFilePersistence", () => {
  it("defaults to ~/.IdentityService/msal.cache from the injected HOME", async () => {
    await using home = await tempDir();
    const persistence = createFilePersistence({ env: { HOME: home.path }, platform: "linux" });
    expect(persistence.description).toBe(
      `file ${join(home.path, ".IdentityService", "msal.cache")}`,
    );
    expect(persistence.encrypted).toBe(false);
    await persistence.save(cacheJson, undefined);
    expect(await readFile(join(home.path, ".IdentityService", "msal.cache"), "utf8")).toBe(
      cacheJson,
    );
  });

  it("uses %LOCALAPPDATA%\\.IdentityService on Windows", () => {
    const persistence = createFilePersistence({
      env: { LOCALAPPDATA: "C:\\Users\\a\\AppData\\Local" },
      platform: "win32",
    });
    expect(persistence.description).toMatch(
      /^file C:\\Users\\a\\AppData\\Local\\\.IdentityService[\\/]msal\.cache$/,
    );
  });

  it("creates the directory 0700 and the file 0600, and leaves no temp files", async () => {
    await using scratch = await tempDir();
    const directory = join(scratch.path, "nested", ".IdentityService");
    const persistence = createFilePersistence({ directory });
    await persistence.save(cacheJson, undefined);
    expect((await stat(directory)).mode & 0o777).toBe(0o700);
    expect((await stat(join(directory, "msal.cache"))).mode & 0o777).toBe(0o600);
    expect(await readdir(directory)).toEqual(["msal.cache"]);
  });

  it("derives the file from the full cache name", async () => {
    await using directory = await tempDir();
    await createFilePersistence({ directory: directory.path, name: "msal.cache.cae" }).save(
      '{"A":{}}',
      undefined,
    );
    await createFilePersistence({ directory: directory.path, name: "msal.cache.nocae" }).save(
      '{"B":{}}',
      undefined,
    );
    expect((await readdir(directory.path)).sort()).toEqual(["msal.cache.cae", "msal.cache.nocae"]);
  });

  it("loads what it saved, with a content version, and saves with compare-and-swap", async () => {
    await using directory = await tempDir();
    const persistence = createFilePersistence({ directory: directory.path });
    expect(await persistence.load()).toBeUndefined();
    const first = await persistence.save(cacheJson, undefined);
    expect(first.version).toEqual(expect.any(String));
    expect(await persistence.load()).toEqual({ data: cacheJson, version: first.version });
    expect(await persistence.version?.()).toBe(first.version);
    expect(await persistence.save("{}", undefined)).toEqual({ conflict: true });
    expect(await persistence.save("{}", "stale")).toEqual({ conflict: true });
    const second = await persistence.save("{}", first.version);
    expect(second.version).not.toBe(first.version);
    await persistence.delete();
    expect(await persistence.load()).toBeUndefined();
    await persistence.delete();
  });

  it("treats an empty file (as MSAL creates it) as no cache", async () => {
    await using directory = await tempDir();
    await writeFile(join(directory.path, "msal.cache"), "");
    const persistence = createFilePersistence({ directory: directory.path });
    expect(await persistence.load()).toBeUndefined();
    expect(await persistence.version?.()).toBeUndefined();
    expect((await persistence.save(cacheJson, undefined)).version).toEqual(expect.any(String));
  });

  it("notices a same-size rewrite by another program even within one mtime tick", async () => {
    await using directory = await tempDir();
    const path = join(directory.path, "msal.cache");
    const persistence = createFilePersistence({ directory: directory.path });
    const saved = await persistence.save('{"AccessToken":{"k":{"secret":"aaaa"}}}', undefined);
    const before = await stat(path);
    await writeFile(path, '{"AccessToken":{"k":{"secret":"bbbb"}}}');
    await utimes(path, before.atime, before.mtime);
    const changed = await persistence.version?.();
    expect(changed).not.toBe(saved.version);
    expect((await persistence.load())?.data).toContain("bbbb");
  });

  it("notices an in-place rewrite whose mtime was set back to an old value", async () => {
    await using directory = await tempDir();
    const path = join(directory.path, "msal.cache");
    const persistence = createFilePersistence({ directory: directory.path });
    await writeFile(path, '{"AccessToken":{"k":{"secret":"aaaa"}}}');
    const old = new Date(Date.now() - 3_600_000);
    await utimes(path, old, old);
    const first = await persistence.version?.();
    await writeFile(path, '{"AccessToken":{"k":{"secret":"bbbb"}}}');
    await utimes(path, old, old);
    expect(await persistence.version?.()).not.toBe(first);
  });

  it("refuses to follow a symlink planted at the cache path", async () => {
    await using directory = await tempDir();
    const target = join(directory.path, "elsewhere");
    await writeFile(target, cacheJson);
    await symlink(target, join(directory.path, "msal.cache"));
    const persistence = createFilePersistence({ directory: directory.path });
    await expect(persistence.load()).rejects.toMatchObject({
      code: "cache_path_is_symlink",
      name: "CredentialUnavailableError",
    });
    await expect(persistence.save("{}", undefined)).rejects.toMatchObject({
      code: "cache_path_is_symlink",
    });
    await expect(persistence.delete()).rejects.toMatchObject({ code: "cache_path_is_symlink" });
    expect(await readFile(target, "utf8")).toBe(cacheJson);
    expect((await lstat(join(directory.path, "msal.cache"))).isSymbolicLink()).toBe(true);
  });

  it.each([
    ["truncated JSON", '{"AccessToken": {"k": {"secret": "abc'],
    ["not JSON at all", "\u0000\u0001binary garbage"],
    ["wrong types", '{"AccessToken": ["not", "an", "object"]}'],
    ["a JSON array", "[1,2,3]"],
  ])(
    "moves a corrupt cache (%s) aside with one warning and continues empty",
    async (_, content) => {
      await using directory = await tempDir();
      const clock = new ManualClock({ start: Date.UTC(2030, 0, 2, 3, 4, 5, 6), autoAdvance: true });
      await writeFile(join(directory.path, "msal.cache"), content);
      using logs = captureAzureLogs();
      const persistence = createFilePersistence({ directory: directory.path, clock });
      expect(await persistence.load()).toBeUndefined();
      const files = (await readdir(directory.path)).sort();
      expect(files).toEqual(["msal.cache.corrupt-20300102T030405006Z"]);
      expect(await readFile(join(directory.path, files[0] ?? ""), "utf8")).toBe(content);
      const warnings = logs.lines.filter((line) => line.includes("moved it aside"));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).not.toContain("abc");
      expect((await persistence.save(cacheJson, undefined)).version).toEqual(expect.any(String));
    },
  );

  it("refuses a file larger than maxCacheBytes with a clear error, and reads it when allowed", async () => {
    await using directory = await tempDir();
    const path = join(directory.path, "msal.cache");
    const big = `{"AccessToken":{${Array.from({ length: 200_000 }, (_, i) => `"k${i}":{"secret":"${"x".repeat(220)}"}`).join(",")}}}`;
    await writeFile(path, big);
    expect((await stat(path)).size).toBeGreaterThan(45_000_000);
    const persistence = createFilePersistence({ directory: directory.path });
    const error = await persistence.load().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "cache_too_large" });
    expect(String((error as Error).message)).toMatch(
      /more than maxCacheBytes \(33554432\).*raise maxCacheBytes/,
    );
    expect((await stat(path)).size).toBe(Buffer.byteLength(big));
    const roomy = createFilePersistence({
      directory: directory.path,
      maxCacheBytes: 64 * 1024 * 1024,
    });
    const loaded = await roomy.load();
    expect(loaded?.data.length).toBe(big.length);
  });

  it("reports a directory that cannot be created (a path under a file) without crashing", async () => {
    await using root = await tempDir();
    await writeFile(join(root.path, "a-file"), "x");
    const persistence = createFilePersistence({ directory: join(root.path, "a-file", "sub") });
    await expect(persistence.load()).rejects.toMatchObject({ code: "cache_read_failed" });
    const error = await persistence.save(cacheJson, undefined).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "cache_write_failed", name: "CredentialUnavailableError" });
    expect((error as Error).message).toContain("ENOTDIR");
  });

  it.skipIf(process.platform === "win32")(
    "reports a read-only directory and keeps the stored cache",
    async () => {
      await using directory = await tempDir();
      const persistence = createFilePersistence({ directory: directory.path });
      const saved = await persistence.save(cacheJson, undefined);
      const readOnly = await makeReadOnly(directory.path);
      if (!readOnly) return;
      try {
        await expect(persistence.save("{}", saved.version)).rejects.toMatchObject({
          code: "cache_lock_failed",
        });
        expect(await readFile(join(directory.path, "msal.cache"), "utf8")).toBe(cacheJson);
      } finally {
        await readOnly.undo();
      }
    },
  );
  it("checks its options", () => {
    expect(() => createFilePersistence({ name: "../escape" })).toThrow(/name must be/);
    expect(() => createFilePersistence({ name: "x.lockfile" })).toThrow(RangeError);
    expect(() => createFilePersistence({ directory: "relative/dir" })).toThrow(/absolute path/);
    expect(() => createFilePersistence({ maxCacheBytes: 0 })).toThrow(/maxCacheBytes/);
    expect(() => createFilePersistence({ lock: { timeoutMs: -1 } })).toThrow(/lock.timeoutMs/);
    expect(() => createFilePersistence({ env: {}, platform: "linux" })).toThrow(/HOME is not set/);
  });
});

/**
 * Makes a directory read-only for this process. chmod does not stop root, so as root the
 * directory is marked immutable instead (`chattr +i`, which stops root too). Returns `undefined`
 * after printing why when neither works here.
 */
async function makeReadOnly(path: string): Promise<{ undo(): Promise<void> } | undefined> {
  if (process.getuid?.() !== 0) {
    await chmod(path, 0o500);
    return { undo: () => chmod(path, 0o700) };
  }
  try {
    await execFileAsync("chattr", ["+i", path]);
    return { undo: () => execFileAsync("chattr", ["-i", path]).then(() => undefined) };
  } catch (error) {
    const reason = `running as root and chattr +i failed (${(error as Error).message.split("\n")[0]})`;
    // A missing capability (CAP_LINUX_IMMUTABLE in a container), not a missing install step.
    console.warn(`read-only directory case: skipped because ${reason}`);
    return undefined;
  }
}
