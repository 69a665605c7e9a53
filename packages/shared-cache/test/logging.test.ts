// Usernames and home account ids reach log lines only with allowLoggingAccountIdentifiers.
import { captureAzureLogs } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import { credentialWith, memoryStores } from "./helpers/credential";
import { fixtureText, python, vaultScope } from "./helpers/fixtures";

const stores = () =>
  memoryStores({ "msal.cache": fixtureText("msal-python/one-account.msal.json") });
const local = { authorityHost: python.host, disableInstanceDiscovery: true };

describe("logging", () => {
  it("keeps account identifiers out of log lines by default", async () => {
    using logs = captureAzureLogs();
    await credentialWith(local, { stores: stores() }).getToken(vaultScope);
    expect(logs.text).toContain("SharedTokenCacheCredential => getToken: account selected");
    expect(logs.text).not.toContain(python.alice.username);
    expect(logs.text).not.toContain(python.alice.homeAccountId);
  });

  it("logs them when allowLoggingAccountIdentifiers is set", async () => {
    using logs = captureAzureLogs();
    await credentialWith(
      { ...local, loggingOptions: { allowLoggingAccountIdentifiers: true } },
      { stores: stores() },
    ).getToken(vaultScope);
    expect(logs.text).toContain(`username=${python.alice.username}`);
    expect(logs.text).toContain(`homeAccountId=${python.alice.homeAccountId}`);
  });
});
