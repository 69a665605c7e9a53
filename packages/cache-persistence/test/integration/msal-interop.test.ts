// Caches written by Python MSAL load into a real msal-node app through the cache plugin, and
// whatever msal-node does not touch stays exactly as Python wrote it.
import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type INetworkModule, PublicClientApplication } from "@azure/msal-node";
import { tempDir } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import { createCachePlugin, createFilePersistence } from "../../src/index";

const fixtures = join(import.meta.dirname, "..", "fixtures", "msal-python");
const host = "127.0.0.1";
const clientId = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
const alice = {
  uid: "9f1a407b-64f3-4771-8400-0b5ac7508621",
  utid: "11111111-1111-4111-8111-111111111111",
};

function app(directory: string, network?: INetworkModule) {
  const metadata = {
    token_endpoint: `https://${host}/organizations/oauth2/v2.0/token`,
    authorization_endpoint: `https://${host}/organizations/oauth2/v2.0/authorize`,
    issuer: `https://${host}/{tenantid}/v2.0`,
    jwks_uri: `https://${host}/organizations/discovery/v2.0/keys`,
    end_session_endpoint: `https://${host}/organizations/oauth2/v2.0/logout`,
  };
  const refuse: INetworkModule = {
    sendGetRequestAsync: async () => {
      throw new Error("no network in this test");
    },
    sendPostRequestAsync: async () => {
      throw new Error("no network in this test");
    },
  };
  return new PublicClientApplication({
    auth: {
      clientId,
      authority: `https://${host}/organizations`,
      knownAuthorities: [host],
      authorityMetadata: JSON.stringify(metadata),
    },
    cache: { cachePlugin: createCachePlugin(createFilePersistence({ directory })) },
    system: { networkClient: network ?? refuse },
  });
}

/** A temp dir holding a copy of `fixture` as `msal.cache`; `await using` removes it. */
async function setUp(fixture: string) {
  const dir = await tempDir();
  const directory = dir.path;
  await copyFile(join(fixtures, fixture), join(directory, "msal.cache"));
  const original = JSON.parse(await readFile(join(fixtures, fixture), "utf8"));
  return {
    directory,
    original,
    stored: async () => JSON.parse(await readFile(join(directory, "msal.cache"), "utf8")),
    [Symbol.asyncDispose]: () => dir.close(),
  };
}

describe("caches written by Python MSAL", () => {
  it("loads both accounts and keeps alice's entries untouched when bob is removed", async () => {
    await using fixture = await setUp("two-accounts.msal.json");
    const { directory, original, stored } = fixture;
    const pca = app(directory);
    const accounts = await pca.getTokenCache().getAllAccounts();
    expect(accounts.map((a) => a.username).sort()).toEqual([
      "alice@contoso.test",
      "bob@fabrikam.test",
    ]);
    const bob = accounts.find((a) => a.username === "bob@fabrikam.test");
    if (!bob) throw new Error("bob is missing");
    await pca.getTokenCache().removeAccount(bob);
    const after = await stored();
    for (const section of ["Account", "AccessToken", "RefreshToken", "IdToken"]) {
      const keys = Object.keys(original[section]);
      const aliceKeys = keys.filter((key) => key.startsWith(alice.uid));
      expect(aliceKeys.length).toBeGreaterThan(0);
      expect(Object.keys(after[section]).sort()).toEqual(aliceKeys.sort());
      for (const key of aliceKeys) expect(after[section][key]).toEqual(original[section][key]);
    }
    expect(after.AppMetadata).toEqual(original.AppMetadata);
  });

  it("redeems Python's refresh token and writes the new tokens beside Python's own entries", async () => {
    await using fixture = await setUp("one-account.msal.json");
    const { directory, original, stored } = fixture;
    const pythonRefreshToken = (Object.values(original.RefreshToken)[0] as { secret: string })
      .secret;
    const posted: string[] = [];
    const clientInfo = Buffer.from(JSON.stringify(alice)).toString("base64url");
    const network: INetworkModule = {
      sendGetRequestAsync: async () => {
        throw new Error("no GET expected");
      },
      sendPostRequestAsync: async (_url, options) => {
        posted.push(String(options?.body));
        return {
          status: 200,
          headers: {},
          body: {
            token_type: "Bearer",
            scope: "https://vault.azure.net/.default",
            expires_in: 3600,
            ext_expires_in: 3600,
            access_token: "access-token-from-test",
            refresh_token: "refresh-token-from-test",
            client_info: clientInfo,
          },
        } as never;
      },
    };
    const pca = app(directory, network);
    const [account] = await pca.getTokenCache().getAllAccounts();
    if (!account) throw new Error("no account loaded");
    const result = await pca.acquireTokenSilent({
      account,
      scopes: ["https://vault.azure.net/.default"],
      forceRefresh: true,
    });
    expect(result.accessToken).toBe("access-token-from-test");
    expect(posted[0]).toContain(`refresh_token=${encodeURIComponent(pythonRefreshToken)}`);
    const after = await stored();
    expect(JSON.stringify(after.AccessToken)).toContain("access-token-from-test");
    expect(JSON.stringify(after.RefreshToken)).toContain("refresh-token-from-test");
    expect(after.Account).toEqual(original.Account);
    expect(after.IdToken).toEqual(original.IdToken);
    expect(after.AppMetadata).toEqual(original.AppMetadata);
    for (const [key, entry] of Object.entries(original.RefreshToken))
      expect(after.RefreshToken[key]).toEqual(entry);
  });

  it("keeps sections and entries it does not understand through a write", async () => {
    await using fixture = await setUp("one-account.msal.json");
    const { directory, original } = fixture;
    const extended = {
      ...original,
      Unknown: { future: { anything: [1, { nested: true }] } },
      AccessToken: {
        ...original.AccessToken,
        "other-tool-key": { credential_type: "AccessToken", secret: "x", future_field: { a: 1 } },
      },
    };
    await writeFile(join(directory, "msal.cache"), JSON.stringify(extended, null, 4));
    const pca = app(directory);
    const [account] = await pca.getTokenCache().getAllAccounts();
    if (!account) throw new Error("no account loaded");
    await pca.getTokenCache().removeAccount(account);
    const after = JSON.parse(await readFile(join(directory, "msal.cache"), "utf8"));
    expect(after.Unknown).toEqual(extended.Unknown);
    expect(after.AccessToken["other-tool-key"]).toEqual(extended.AccessToken["other-tool-key"]);
    expect(Object.keys(after.Account)).toEqual([]);
  });

  it("loads the empty cache Python writes", async () => {
    await using fixture = await setUp("empty.msal.json");
    const { directory } = fixture;
    expect(await app(directory).getTokenCache().getAllAccounts()).toEqual([]);
  });
});
