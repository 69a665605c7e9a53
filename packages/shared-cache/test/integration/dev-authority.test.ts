// Against a real (local) Entra-compatible authority: a family refresh token another first-party
// app cached is redeemed by this credential's client, and the write-back keeps every entry
// the other app and unknown tools wrote.
import { readFile, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  defaultFamilyClientId,
  defaultGuestTenantId,
  defaultPublicClientId,
  defaultTenantId,
  defaultUsername,
} from "@entrakit/dev-authority";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialWith } from "../helpers/credential";
import {
  claimsOf,
  type DevAuthority,
  signInWithTool,
  startDevAuthority,
  trusting,
} from "../helpers/dev-authority";
import { storageScope, vaultScope } from "../helpers/fixtures";
import { tempDir } from "../helpers/temp-dir";

let authority: DevAuthority;
beforeAll(async () => {
  authority = await startDevAuthority();
});
afterAll(async () => {
  await authority?.close();
});

async function sharedCacheSignedInWithPowerShell() {
  const directory = await tempDir();
  const cache = await signInWithTool(authority, {
    clientId: defaultFamilyClientId,
    username: defaultUsername,
    scopes: [vaultScope],
  });
  // What other tools may add: a section and fields this package knows nothing about.
  const written = { ...cache, ToolSettings: { "tool-x": { theme: "dark" } } } as Record<
    string,
    Record<string, Record<string, unknown>>
  >;
  for (const entry of Object.values(written.Account ?? {})) entry.tool_x_marker = "keep me";
  const path = join(directory, "msal.cache");
  await writeFile(path, JSON.stringify(written, null, 4));
  const then = new Date(Date.now() - 60_000);
  await utimes(path, then, then);
  return { directory, path, written };
}

function credential(directory: string, extra = {}) {
  return credentialWith(
    {
      authorityHost: authority.url,
      disableInstanceDiscovery: true,
      transportOptions: trusting(authority),
      cacheDirectory: directory,
      clock: undefined,
      ...extra,
    },
    { keyring: null },
  );
}

describe("SharedTokenCacheCredential against the dev authority", () => {
  it("redeems Azure PowerShell's family refresh token with the developer sign-on client", async () => {
    const { directory } = await sharedCacheSignedInWithPowerShell();
    authority.clearRequestLog();
    const token = await credential(directory).getToken(storageScope);
    const [redemption, ...others] = authority.requestLog({ grantType: "refresh_token" });
    expect(others).toEqual([]);
    expect(redemption?.clientId).toBe(defaultPublicClientId);
    const claims = claimsOf(token.token);
    expect(claims).toMatchObject({
      aud: "https://storage.azure.com",
      appid: defaultPublicClientId,
      upn: defaultUsername,
      tid: defaultTenantId,
    });
  });

  it("writes the new tokens back, keeping every other tool's entry, and another process then needs no request", async () => {
    const { directory, path, written } = await sharedCacheSignedInWithPowerShell();
    await credential(directory).getToken(storageScope);
    const after = JSON.parse(await readFile(path, "utf8"));
    expect(after.ToolSettings).toEqual(written.ToolSettings);
    for (const [section, entries] of Object.entries(written)) {
      for (const [key, value] of Object.entries(entries)) {
        // MSAL Node keeps one family refresh token per account, under the family's key: the
        // newer token replaces it. Everything else stays exactly as the other tool wrote it.
        if (section === "RefreshToken")
          expect(after[section][key]).toMatchObject({ family_id: "1" });
        else expect(after[section][key]).toEqual(value);
      }
    }
    const storage = Object.values(
      after.AccessToken as Record<string, { client_id: string; target: string }>,
    ).filter((t) => t.target.includes("storage.azure.com"));
    expect(storage.map((t) => t.client_id)).toEqual([defaultPublicClientId]);
    authority.clearRequestLog();
    const again = await credential(directory).getToken(storageScope);
    expect(claimsOf(again.token).aud).toBe("https://storage.azure.com");
    expect(authority.countRequests({ grantType: "refresh_token" })).toBe(0);
  });

  it("on an expired refresh token: AuthenticationRequiredError with AADSTS70008, and the cache file untouched", async () => {
    const { directory, path } = await sharedCacheSignedInWithPowerShell();
    const before = await readFile(path, "utf8");
    authority.expireRefreshTokens({ username: defaultUsername });
    const error = await credential(directory)
      .getToken(storageScope)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "AuthenticationRequiredError",
      code: "refresh_token_expired",
    });
    expect((error as Error).message).toContain("AADSTS70008");
    expect(await readFile(path, "utf8")).toBe(before);
  });

  it("gets tokens for a tenant the account is a guest in, when allowed", async () => {
    const { directory } = await sharedCacheSignedInWithPowerShell();
    const token = await credential(directory, { additionallyAllowedTenants: ["*"] }).getToken(
      vaultScope,
      { tenantId: defaultGuestTenantId },
    );
    expect(claimsOf(token.token).tid).toBe(defaultGuestTenantId);
  });

  it("gets a CAE token (xms_cc cp1) from the same refresh token", async () => {
    const { directory } = await sharedCacheSignedInWithPowerShell();
    const token = await credential(directory).getToken(vaultScope, { enableCae: true });
    expect(claimsOf(token.token).xms_cc).toEqual(["cp1"]);
  });
});
