// Planted refresh and access tokens must never reach a log line or a thrown error (causes
// included), on any failure path, with logging at verbose.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { inspect } from "node:util";
import { type CachePersistence, createMemoryPersistence } from "@entrakit/cache-persistence";
import { createSecretScanner, entraError } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import { addAccount, buildCache } from "./helpers/cache-builder";
import { credentialWith, memoryStores } from "./helpers/credential";
import { fakeAuthority, familyTokenResponse } from "./helpers/fake-authority";
import { cliClientId, storageScope, vaultScope } from "./helpers/fixtures";
import { tempDir } from "./helpers/temp-dir";

const host = "https://login.microsoftonline.com";
const expired = Math.floor(Date.UTC(2025, 0, 1) / 1000);

function plantedCache(scanner: ReturnType<typeof createSecretScanner>) {
  const refreshToken = scanner.plant("refresh-token");
  const accessToken = scanner.plant("access-token");
  const cache = buildCache([]);
  const account = addAccount(cache, {
    username: "alice@contoso.com",
    refreshToken,
    accessTokens: [{ secret: accessToken, target: vaultScope, expiresOn: expired }],
  });
  return { cache, refreshToken, accessToken, account };
}

describe("secret hygiene", () => {
  it("an invalid_grant whose description quotes the refresh token leaks nothing", async () => {
    const scanner = createSecretScanner();
    using logs = scanner.captureLogs();
    const { cache, refreshToken } = plantedCache(scanner);
    const network = fakeAuthority(host, ["organizations"]).on(
      "POST",
      "/oauth2/v2.0/token",
      entraError({
        error: "invalid_grant",
        codes: [70008],
        description: `Token ${refreshToken} expired. refresh_token=${refreshToken}`,
      }),
    );
    const credential = credentialWith(
      { networkModule: network },
      { stores: memoryStores({ "msal.cache": cache }) },
    );
    const error = await credential.getToken(vaultScope).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AuthenticationRequiredError" });
    expect(logs.lines.length).toBeGreaterThan(0);
    scanner.assertClean(logs, error, inspect(error, { depth: null }));
  });

  it("a network failure whose message quotes the token leaks nothing", async () => {
    const scanner = createSecretScanner();
    using logs = scanner.captureLogs();
    const { cache, refreshToken } = plantedCache(scanner);
    const network = fakeAuthority(host, ["organizations"]).on("POST", "/oauth2/v2.0/token", () => {
      throw new Error(`socket hang up while sending refresh_token=${refreshToken}`);
    });
    const credential = credentialWith(
      { networkModule: network },
      { stores: memoryStores({ "msal.cache": cache }) },
    );
    const error = await credential.getToken(vaultScope).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    scanner.assertClean(logs, error, inspect(error, { depth: null }));
  });

  it("a corrupt cache file holding tokens is reported without quoting it", async () => {
    const scanner = createSecretScanner();
    using logs = scanner.captureLogs();
    const { cache } = plantedCache(scanner);
    const directory = await tempDir();
    await writeFile(join(directory, "msal.cache"), JSON.stringify(cache).slice(0, -3));
    const credential = credentialWith({ cacheDirectory: directory }, { keyring: null });
    const error = await credential.getToken(vaultScope).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "CredentialUnavailableError", code: "cache_unreadable" });
    scanner.assertClean(logs, error, inspect(error, { depth: null }));
  });

  it("a failed write-back whose error quotes the new tokens leaks nothing, and the token is still returned", async () => {
    const scanner = createSecretScanner();
    using logs = scanner.captureLogs();
    const { cache, account } = plantedCache(scanner);
    const issued = scanner.plant("issued-access-token");
    const memory = createMemoryPersistence({ initialData: JSON.stringify(cache) });
    const failing: CachePersistence = {
      ...memory,
      save: async (data) => {
        throw new Error(`disk full while writing ${data}`);
      },
    };
    const response = familyTokenResponse(account.homeAccountId, storageScope, host, cliClientId);
    if (response.body) response.body.access_token = issued;
    const network = fakeAuthority(host, ["organizations"]).on(
      "POST",
      "/oauth2/v2.0/token",
      response,
    );
    const credential = credentialWith(
      { networkModule: network },
      { stores: { "msal.cache": failing } },
    );
    const token = await credential.getToken(storageScope);
    expect(token.token).toBe(issued);
    expect(logs.lines.some((line) => line.includes("could not write new tokens"))).toBe(true);
    scanner.assertClean(logs);
  });

  it("choosing-account errors name accounts, never tokens", async () => {
    const scanner = createSecretScanner();
    using logs = scanner.captureLogs();
    const first = plantedCache(scanner).cache;
    addAccount(first, { username: "bob@contoso.com", refreshToken: scanner.plant("bob-rt") }, 7);
    const credential = credentialWith({}, { stores: memoryStores({ "msal.cache": first }) });
    const error = await credential.getToken(vaultScope).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "multiple_matching_accounts" });
    scanner.assertClean(logs, error, inspect(error, { depth: null }));
  });
});
