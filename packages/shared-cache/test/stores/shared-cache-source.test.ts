import { mkdir, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createMemoryPersistence } from "@entrakit/cache-persistence";
import { ManualClock } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import { createSharedCacheSource, sharedCacheNames } from "../../src/stores/shared-cache-source";
import { fixtureText } from "../helpers/fixtures";
import { tempDir } from "../helpers/temp-dir";

const base = { env: {}, platform: "linux" as const, clock: new ManualClock(), keyring: null };

async function writeOld(path: string, text: string) {
  await writeFile(path, text);
  const then = new Date(Date.now() - 60_000);
  await utimes(path, then, then);
}

describe("createSharedCacheSource", () => {
  it("reads the legacy name and the CAE and non-CAE names the anchors write", async () => {
    expect(sharedCacheNames("msal.cache")).toEqual([
      "msal.cache",
      "msal.cache.nocae",
      "msal.cache.cae",
    ]);
    const directory = await tempDir();
    for (const name of sharedCacheNames("msal.cache")) {
      await writeOld(join(directory, name), fixtureText("msal-python/one-account.msal.json"));
    }
    const load = await createSharedCacheSource({ ...base, options: undefined, directory }).load();
    expect(load.snapshots.map((s) => [s.store.name, s.store.kind])).toEqual([
      ["msal.cache", "legacy"],
      ["msal.cache.nocae", "nocae"],
      ["msal.cache.cae", "cae"],
    ]);
  });

  it("uses the base name given, and ~/.IdentityService from HOME by default", async () => {
    const home = await tempDir();
    await mkdir(join(home, ".IdentityService"));
    await writeOld(
      join(home, ".IdentityService", "tool.cache.nocae"),
      fixtureText("msal-python/one-account.msal.json"),
    );
    const load = await createSharedCacheSource({
      ...base,
      env: { HOME: home },
      options: { name: "tool.cache" },
      directory: undefined,
    }).load();
    expect(load.snapshots.map((s) => s.store.description)).toEqual([
      `file ${join(home, ".IdentityService", "tool.cache.nocae")}`,
    ]);
  });

  it("skips plaintext files when unsafeAllowUnencryptedStorage is false", async () => {
    const directory = await tempDir();
    await writeOld(join(directory, "msal.cache"), fixtureText("msal-python/one-account.msal.json"));
    const source = createSharedCacheSource({
      ...base,
      options: { unsafeAllowUnencryptedStorage: false },
      directory,
    });
    expect((await source.load()).snapshots).toEqual([]);
  });

  it("reads a custom backend as the one store", async () => {
    const persistence = createMemoryPersistence({
      initialData: fixtureText("msal-python/one-account.msal.json"),
    });
    const load = await createSharedCacheSource({
      ...base,
      options: { persistence },
      directory: undefined,
    }).load();
    expect(load.snapshots.map((s) => [s.store.description, s.store.kind])).toEqual([
      ["memory", "legacy"],
    ]);
  });

  it("reports a missing HOME when reading, not when constructing", async () => {
    const source = createSharedCacheSource({ ...base, options: undefined, directory: undefined });
    const load = await source.load();
    expect(load.failures.map((f) => f.code)).toEqual(["cache_unavailable"]);
  });

  it("throws at construction for a malformed cache name or a relative directory", () => {
    expect(() =>
      createSharedCacheSource({ ...base, options: { name: "../x" }, directory: "/tmp" }),
    ).toThrow(RangeError);
    expect(() =>
      createSharedCacheSource({ ...base, options: undefined, directory: "relative" }),
    ).toThrow(/absolute/);
  });
});
