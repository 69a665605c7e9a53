import { utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type CachePersistence, createMemoryPersistence } from "@entrakit/cache-persistence";
import { CredentialUnavailableError } from "@entrakit/core";
import { ManualClock } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import { CacheNameGroup } from "../../src/stores/cache-name-group";
import type { KeyringAccess } from "../../src/stores/keyring-access";
import { buildCache } from "../helpers/cache-builder";
import { fixtureText } from "../helpers/fixtures";
import { tempDir } from "../helpers/temp-dir";

async function touchOld(path: string, text: string, secondsAgo: number): Promise<void> {
  await writeFile(path, text);
  const then = new Date(Date.now() - secondsAgo * 1000);
  await utimes(path, then, then);
}

function countingItem(description: string, data?: string) {
  const memory = createMemoryPersistence(data === undefined ? {} : { initialData: data });
  const counter = { loads: 0 };
  // Like the keyring backend: no cheap version check.
  const { version: _version, ...withoutVersion } = memory;
  const persistence: CachePersistence = {
    ...withoutVersion,
    description,
    load: async () => {
      counter.loads++;
      return memory.load();
    },
  };
  return { persistence, counter };
}

async function setUp(keyring: KeyringAccess | undefined) {
  const directory = await tempDir();
  const clock = new ManualClock();
  const group = new CacheNameGroup({
    name: "msal.cache",
    directory,
    readPlaintext: true,
    keyring,
    clock,
  });
  return { directory, clock, group, marker: join(directory, "msal.cache") };
}

describe("CacheNameGroup", () => {
  it("reads the plaintext file and every keyring item, and re-reads only after the marker file moved", async () => {
    const python = countingItem(
      "keyring python item",
      JSON.stringify(buildCache([{ username: "py@contoso.com" }])),
    );
    const keytar = countingItem(
      "keyring keytar item",
      JSON.stringify(
        buildCache([{ username: "js@contoso.com", uid: "00000000-0000-4000-8000-0000000000aa" }]),
      ),
    );
    const { directory, group, marker } = await setUp({
      itemsFor: async () => [
        { persistence: python.persistence, found: true },
        { persistence: keytar.persistence, found: true },
      ],
    });
    await touchOld(marker, "{}", 60);
    const first = await group.load();
    expect(first.snapshots.map((s) => s.store.description)).toEqual([
      "keyring python item",
      "keyring keytar item",
    ]);
    expect(first.lookedIn).toEqual([
      `file ${join(directory, "msal.cache")}`,
      "keyring python item",
      "keyring keytar item",
    ]);
    expect(await group.load()).toBe(first);
    expect(python.counter.loads).toBe(1);
    await touchOld(marker, "{}", 30);
    const second = await group.load();
    expect(python.counter.loads).toBe(2);
    // Unchanged content keeps its parsed snapshot.
    expect(second.snapshots[0]).toBe(first.snapshots[0]);
  });

  it("reads the plaintext cache alongside the keyring's", async () => {
    const { group, marker } = await setUp(undefined);
    await touchOld(marker, fixtureText("msal-python/one-account.msal.json"), 60);
    const load = await group.load();
    expect(load.snapshots).toHaveLength(1);
    expect(load.failures).toEqual([]);
  });

  it("records a keyring failure and tries again after 30 s even if nothing moved", async () => {
    let calls = 0;
    const unavailable = new CredentialUnavailableError(
      "KeyringPersistence: the OS keyring is unavailable.",
      { code: "keyring_unavailable" },
    );
    const { group, clock } = await setUp({
      itemsFor: async () => {
        calls++;
        throw unavailable;
      },
    });
    const load = await group.load();
    expect(load.failures).toEqual([unavailable]);
    await group.load();
    expect(calls).toBe(1);
    clock.advance(30_000);
    await group.load();
    expect(calls).toBe(2);
  });

  it("reports an item a search found but that reads as nothing as unreadable", async () => {
    const damaged = countingItem("keyring damaged item");
    const { group } = await setUp({
      itemsFor: async () => [{ persistence: damaged.persistence, found: true }],
    });
    const load = await group.load();
    expect(load.failures.map((f) => f.code)).toEqual(["cache_unreadable"]);
    expect(load.failures[0]?.message).toContain("keyring damaged item");
  });

  it("an item nobody searched for that reads as nothing is simply absent", async () => {
    const absent = countingItem("keyring keychain item");
    const { group } = await setUp({
      itemsFor: async () => [{ persistence: absent.persistence, found: false }],
    });
    expect(await group.load()).toMatchObject({ snapshots: [], failures: [] });
  });

  it("skips the plaintext file when told to", async () => {
    const directory = await tempDir();
    await touchOld(
      join(directory, "msal.cache"),
      fixtureText("msal-python/one-account.msal.json"),
      60,
    );
    const group = new CacheNameGroup({
      name: "msal.cache",
      directory,
      readPlaintext: false,
      keyring: undefined,
      clock: new ManualClock(),
    });
    expect(await group.load()).toMatchObject({ snapshots: [], lookedIn: [] });
  });
});
