// `entrakit logout` on caches written by hand: it removes exactly one account's tokens of its
// client id from the caches entrakit writes, and nothing else.
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type TempDir, tempDir } from "@entrakit/testkit";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  accessTokenEntry,
  accountEntry,
  appMetadataEntry,
  cacheOf,
  entrakitClientId,
  idTokenEntry,
  otherClientId,
  otherFamilyClientId,
  refreshTokenEntry,
  testAccount,
} from "../helpers/cache-entries";
import { assertBuilt, childEnv, runEntrakit } from "../helpers/cli-process";

const environment = "127.0.0.1:8443";
const alice = testAccount(
  "0000aaaa-0000-4000-8000-000000000001",
  "alice@contoso.test",
  environment,
);
const bob = testAccount("0000bbbb-0000-4000-8000-000000000002", "bob@contoso.test", environment);
const later = Math.floor(Date.now() / 1000) + 3600;

let home: TempDir;
let cacheDir: string;
beforeAll(assertBuilt);
beforeEach(async () => {
  home = await tempDir("entrakit-cli-");
  cacheDir = join(home.path, "cache");
  await mkdir(cacheDir, { mode: 0o700 });
});
afterEach(() => home?.close());

const write = (name: string, cache: unknown) =>
  writeFile(join(cacheDir, name), JSON.stringify(cache), { mode: 0o600 });
const read = async (name: string) => JSON.parse(await readFile(join(cacheDir, name), "utf8"));
const logout = (...extra: string[]) =>
  runEntrakit(["logout", "--dev", "--cache-dir", cacheDir, ...extra], childEnv(home.path));

describe("entrakit logout", () => {
  it("removes one account's entrakit tokens from .nocae and .cae, keeping everything else", async () => {
    const nocae = cacheOf({
      Account: [accountEntry(alice), accountEntry(bob)],
      IdToken: [
        idTokenEntry(alice, entrakitClientId, "id-a"),
        idTokenEntry(bob, entrakitClientId, "id-b"),
      ],
      AccessToken: [
        accessTokenEntry(
          alice,
          entrakitClientId,
          "at-a",
          "https://vault.azure.net/.default",
          later,
        ),
        accessTokenEntry(bob, entrakitClientId, "at-b", "https://vault.azure.net/.default", later),
      ],
      RefreshToken: [
        refreshTokenEntry(alice, entrakitClientId, "rt-a", "1"),
        refreshTokenEntry(bob, entrakitClientId, "rt-b", "1"),
      ],
      AppMetadata: [appMetadataEntry(environment, entrakitClientId, "1")],
    });
    await write("msal.cache.nocae", { ...nocae, SomeToolSection: { keep: { me: true } } });
    await write(
      "msal.cache.cae",
      cacheOf({
        Account: [accountEntry(alice)],
        AccessToken: [
          accessTokenEntry(
            alice,
            entrakitClientId,
            "cae-a",
            "https://vault.azure.net/.default",
            later,
          ),
        ],
      }),
    );
    // Another tool's cache holds alice's tokens of the same client: not entrakit's to change.
    const legacy = JSON.stringify(
      cacheOf({
        Account: [accountEntry(alice)],
        RefreshToken: [refreshTokenEntry(alice, entrakitClientId, "rt-legacy")],
      }),
    );
    await writeFile(join(cacheDir, "msal.cache"), legacy, { mode: 0o600 });

    const result = await logout("--username", "Alice@Contoso.test");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      [
        `Removed alice@contoso.test's 3 tokens and 1 account entry from file ${join(cacheDir, "msal.cache.nocae")}.`,
        `Removed alice@contoso.test's 1 token and 1 account entry from file ${join(cacheDir, "msal.cache.cae")}.`,
        "Signed out alice@contoso.test.",
        "",
      ].join("\n"),
    );
    // The legacy cache still has alice's refresh token, so the account is still usable: said so.
    expect(result.stderr).toContain(
      "note: alice@contoso.test still has refresh tokens other apps cached",
    );

    const after = await read("msal.cache.nocae");
    const withoutAlice = (section: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(section).filter(([key]) => !key.startsWith(alice.homeAccountId)),
      );
    expect(after).toEqual({
      Account: withoutAlice(nocae.Account ?? {}),
      IdToken: withoutAlice(nocae.IdToken ?? {}),
      AccessToken: withoutAlice(nocae.AccessToken ?? {}),
      RefreshToken: withoutAlice(nocae.RefreshToken ?? {}),
      AppMetadata: nocae.AppMetadata,
      SomeToolSection: { keep: { me: true } },
    });
    expect(await read("msal.cache.cae")).toEqual({ Account: {}, AccessToken: {} });
    expect(await readFile(join(cacheDir, "msal.cache"), "utf8")).toBe(legacy);
  });

  it("keeps the account entry while other apps' tokens for it remain", async () => {
    await write(
      "msal.cache.nocae",
      cacheOf({
        Account: [accountEntry(alice)],
        RefreshToken: [
          refreshTokenEntry(alice, entrakitClientId, "rt-ours"),
          refreshTokenEntry(alice, otherClientId, "rt-theirs"),
          refreshTokenEntry(alice, otherFamilyClientId, "rt-family", "1"),
        ],
        AppMetadata: [appMetadataEntry(environment, otherFamilyClientId, "1")],
      }),
    );
    const result = await logout();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Removed alice@contoso.test's 1 token and 0 account entries");
    expect(result.stderr).toContain("Kept alice@contoso.test's account entry");
    // The family refresh token of another app still lets `entrakit token` use the account.
    expect(result.stderr).toContain("still has refresh tokens other apps cached");
    const after = await read("msal.cache.nocae");
    expect(Object.keys(after.Account)).toHaveLength(1);
    expect(
      Object.values(after.RefreshToken)
        .map((entry) => (entry as { secret: string }).secret)
        .sort(),
    ).toEqual(["rt-family", "rt-theirs"]);
  });

  it("exits 2 when the account holds only other apps' tokens", async () => {
    const cache = JSON.stringify(
      cacheOf({
        Account: [accountEntry(alice)],
        RefreshToken: [refreshTokenEntry(alice, otherClientId, "rt-theirs")],
      }),
    );
    await writeFile(join(cacheDir, "msal.cache.nocae"), cache, { mode: 0o600 });
    const result = await logout();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `entrakit logout: alice@contoso.test has no tokens of client ${entrakitClientId} in entrakit's caches`,
    );
    expect(await readFile(join(cacheDir, "msal.cache.nocae"), "utf8")).toBe(cache);
  });

  it("exits 2 and changes nothing when the account is not there", async () => {
    const cache = JSON.stringify(
      cacheOf({
        Account: [accountEntry(bob)],
        RefreshToken: [refreshTokenEntry(bob, entrakitClientId, "rt-b")],
      }),
    );
    await writeFile(join(cacheDir, "msal.cache.nocae"), cache, { mode: 0o600 });
    const result = await logout("--username", "alice@contoso.test");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "entrakit logout: no account signed in with entrakit matches (accounts: bob@contoso.test (tenant 3f2d9c8e-5b1a-4e7d-9c62-7a0e4b1d5f23)). Pass one of them as --username; nothing was removed.\n",
    );
    expect(await readFile(join(cacheDir, "msal.cache.nocae"), "utf8")).toBe(cache);
  });

  it("treats a damaged cache as the file backend does: moved aside, nothing to sign out", async () => {
    await writeFile(join(cacheDir, "msal.cache.nocae"), "{ not json", { mode: 0o600 });
    const result = await logout();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("entrakit logout: no account is signed in with entrakit");
    const names = await readdir(cacheDir);
    expect(names.filter((name) => name.startsWith("msal.cache.nocae.corrupt-"))).toHaveLength(1);
  });
});
