// Caches as Python, .NET and Node MSAL write them are read end to end, each with its own
// quirks (tenant paths as realms, cloud aliases, tenant profiles, family ids by AppMetadata).
import { describe, expect, it } from "vitest";
import { credentialWith, memoryStores } from "./helpers/credential";
import {
  contoso,
  fabrikam,
  fixtureText,
  python,
  storageScope,
  vaultScope,
} from "./helpers/fixtures";

const stores = (name: string) => memoryStores({ "msal.cache": fixtureText(name) });

describe("caches written by other MSAL implementations", () => {
  it("Python: serves alice's token cached under the organizations path, for her home tenant too", async () => {
    const options = {
      authorityHost: python.host,
      disableInstanceDiscovery: true,
      username: python.alice.username,
    };
    const viaOrganizations = await credentialWith(options, {
      stores: stores("msal-python/two-accounts.msal.json"),
    }).getToken(vaultScope);
    const viaTenant = await credentialWith(
      { ...options, tenantId: python.alice.tenantId },
      { stores: stores("msal-python/two-accounts.msal.json") },
    ).getToken(vaultScope);
    expect(viaTenant.token).toBe(viaOrganizations.token);
  });

  it("Python: an empty cache has no accounts", async () => {
    const error = await credentialWith(
      { authorityHost: python.host },
      { stores: stores("msal-python/empty.msal.json") },
    )
      .getToken(vaultScope)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "no_accounts" });
  });

  it(".NET: serves bob's token cached under the login.windows.net alias, with its refresh_on", async () => {
    const token = await credentialWith(
      { username: "bob@fabrikam.com", tenantId: fabrikam },
      { stores: stores("dotnet-style.msal.json") },
    ).getToken(vaultScope);
    expect(token).toMatchObject({
      token: "dotnet-at-bob-vault",
      refreshAfterTimestamp: 1953071605_000,
    });
  });

  it("Node: serves alice's home-tenant token, and her guest-tenant token when guest tenants may choose", async () => {
    const home = await credentialWith(
      { username: "alice@contoso.com", tenantId: contoso },
      { stores: stores("node-style.msal.json") },
    ).getToken(vaultScope);
    expect(home.token).toBe("node-at-alice-contoso-vault");
    const guest = await credentialWith(
      { tenantId: fabrikam, enableGuestTenantAuthentication: true },
      { stores: stores("node-style.msal.json") },
    ).getToken(storageScope);
    expect(guest.token).toBe("node-at-alice-fabrikam-storage");
  });

  it("Node: an account that holds only another app's non-family refresh token is not offered", async () => {
    const credential = credentialWith({}, { stores: stores("node-style.msal.json") });
    expect((await credential.listAccounts()).map((a) => a.username)).toEqual(["alice@contoso.com"]);
    const error = await credentialWith(
      { username: "carol@contoso.com" },
      { stores: stores("node-style.msal.json") },
    )
      .getToken(vaultScope)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "no_matching_account" });
  });

  it(".NET and Node caches side by side: every account of both is offered", async () => {
    const all = memoryStores({
      "msal.cache": fixtureText("dotnet-style.msal.json"),
      "msal.cache.nocae": fixtureText("node-style.msal.json"),
    });
    const accounts = await credentialWith({}, { stores: all }).listAccounts();
    expect(accounts.map((a) => a.username)).toEqual([
      "alice@contoso.com",
      "bob@fabrikam.com",
      "erin@contoso.com",
      "Erin@Contoso.com",
      "frank@contoso.com",
    ]);
    expect(accounts.find((a) => a.username === "alice@contoso.com")?.tenantIds).toEqual([
      contoso,
      fabrikam,
    ]);
  });
});
