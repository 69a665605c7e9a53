import { readdir, readFile, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PlaintextFileStore } from "../../src/stores/plaintext-file-store";
import { fixtureJson, fixtureText } from "../helpers/fixtures";
import { tempDir } from "../helpers/temp-dir";

// Files written in a test are dated back, so the "just written" re-check does not hide whether
// an unchanged file is re-read.
async function writeOld(path: string, text: string, secondsAgo = 60): Promise<void> {
  await writeFile(path, text);
  const then = new Date(Date.now() - secondsAgo * 1000);
  await utimes(path, then, then);
}

describe("PlaintextFileStore", () => {
  it("reads a cache another tool wrote and keeps the snapshot while the file is unchanged", async () => {
    const directory = await tempDir();
    await writeOld(
      join(directory, "msal.cache"),
      fixtureText("msal-python/two-accounts.msal.json"),
    );
    const store = new PlaintextFileStore({ directory, name: "msal.cache" });
    const first = await store.read();
    expect(first?.index.accounts.size).toBe(2);
    expect(store.kind).toBe("legacy");
    expect(store.description).toBe(`file ${join(directory, "msal.cache")}`);
    expect(await store.read()).toBe(first);
    await writeOld(
      join(directory, "msal.cache"),
      fixtureText("msal-python/one-account.msal.json"),
      30,
    );
    const second = await store.read();
    expect(second).not.toBe(first);
    expect(second?.index.accounts.size).toBe(1);
  });

  it("parses a rewritten file again only when its bytes changed", async () => {
    const directory = await tempDir();
    const path = join(directory, "msal.cache");
    await writeOld(path, fixtureText("msal-python/two-accounts.msal.json"), 90);
    const store = new PlaintextFileStore({ directory, name: "msal.cache" });
    const first = await store.read();
    // Same bytes, new file times (a tool saving an unchanged cache): the same snapshot.
    await writeOld(path, fixtureText("msal-python/two-accounts.msal.json"), 60);
    expect(await store.read()).toBe(first);
    // Just written, so re-read on every call while a coarse clock could hide another write.
    await writeFile(path, fixtureText("msal-python/two-accounts.msal.json"));
    expect(await store.read()).toBe(first);
    expect(await store.read()).toBe(first);
    const changed = fixtureJson("msal-python/two-accounts.msal.json");
    changed.Account = {};
    await writeOld(path, JSON.stringify(changed), 30);
    const second = await store.read();
    expect(second?.version).not.toBe(first?.version);
    expect(second?.index.accounts.size).toBe(0);
  });

  it("reads nothing when there is no file, a blank file, or a keyring tool's {} marker", async () => {
    const directory = await tempDir();
    const store = new PlaintextFileStore({ directory, name: "msal.cache" });
    expect(await store.read()).toBeUndefined();
    await writeOld(join(directory, "msal.cache"), "");
    expect(await store.read()).toBeUndefined();
    await writeOld(join(directory, "msal.cache"), "{}", 10);
    expect(await store.read()).toBeUndefined();
  });

  it("reports a corrupt cache by name and leaves it where it is", async () => {
    const directory = await tempDir();
    await writeOld(join(directory, "msal.cache"), '{"RefreshToken": {"k": {"secret": "trunc');
    const store = new PlaintextFileStore({ directory, name: "msal.cache" });
    const error = await store.read().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "CredentialUnavailableError", code: "cache_unreadable" });
    expect((error as Error).message).toContain(join(directory, "msal.cache"));
    expect((error as Error).message).toContain("not valid JSON");
    expect((error as Error).message).not.toContain("trunc");
    expect(await readdir(directory)).toEqual(["msal.cache"]);
  });

  it("refuses a cache larger than maxCacheBytes without reading it", async () => {
    const directory = await tempDir();
    await writeOld(join(directory, "msal.cache"), fixtureText("msal-python/one-account.msal.json"));
    const store = new PlaintextFileStore({ directory, name: "msal.cache", maxCacheBytes: 100 });
    await expect(store.read()).rejects.toMatchObject({ code: "cache_too_large" });
  });

  it("reports a directory in the cache's place as unreadable", async () => {
    const directory = await tempDir();
    const store = new PlaintextFileStore({
      directory: join(directory, ".."),
      name: directory.split("/").pop() ?? "",
    });
    await expect(store.read()).rejects.toMatchObject({ code: "cache_read_failed" });
  });

  it("merges new entries into the file, keeping every other entry and section", async () => {
    const directory = await tempDir();
    const original = fixtureJson("node-style.msal.json") as Record<string, unknown>;
    original.EntrakitUnknownSection = { keep: { me: true } };
    await writeOld(join(directory, "msal.cache.nocae"), JSON.stringify(original));
    const store = new PlaintextFileStore({ directory, name: "msal.cache.nocae" });
    const entries = { AccessToken: { "new-key": { secret: "new", home_account_id: "h" } } };
    expect(await store.merge(entries)).toBe(true);
    const after = JSON.parse(await readFile(join(directory, "msal.cache.nocae"), "utf8"));
    expect(after).toEqual({
      ...original,
      AccessToken: { ...(original.AccessToken as object), ...entries.AccessToken },
    });
  });

  it("never creates a cache: merging into a missing file or a {} marker writes nothing", async () => {
    const directory = await tempDir();
    const store = new PlaintextFileStore({ directory, name: "msal.cache" });
    expect(await store.merge({ AccessToken: { k: { secret: "s" } } })).toBe(false);
    expect(await readdir(directory)).toEqual([]);
    await writeOld(join(directory, "msal.cache"), "{}");
    expect(await store.merge({ AccessToken: { k: { secret: "s" } } })).toBe(false);
    expect(await readFile(join(directory, "msal.cache"), "utf8")).toBe("{}");
  });
});
