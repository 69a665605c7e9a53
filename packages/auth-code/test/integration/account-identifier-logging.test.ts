// Who signed in reaches the log only when the app allows account identifiers in its logs.
import { defaultTenantId, defaultUsername, defaultWebAppClientId } from "@entrakit/dev-authority";
import { captureAzureLogs } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import { useAuthorityFixture, vaultScope } from "../helpers/dev-authority";

const fixture = useAuthorityFixture();
const redeemedLine = "AuthorizationCodeCredential => getToken: authorization code redeemed";

describe("loggingOptions.allowLoggingAccountIdentifiers", () => {
  it("keeps the account out of the redemption log line by default", async () => {
    using logs = captureAzureLogs();
    const { credential } = fixture.webAppCredential();
    const token = await credential.getToken(vaultScope);
    await credential.close();

    expect(token.token).toBeTruthy();
    expect(logs.text).toContain(redeemedLine);
    expect(logs.text).not.toContain(defaultUsername);
    expect(logs.text).not.toContain(credential.getAuthenticationRecord()?.homeAccountId);
  });

  it("names the account, tenant and client when allowed", async () => {
    using logs = captureAzureLogs();
    const { credential } = fixture.webAppCredential([vaultScope], {
      loggingOptions: { allowLoggingAccountIdentifiers: true },
    });
    await credential.getToken(vaultScope);
    await credential.close();

    const record = credential.getAuthenticationRecord();
    const line = logs.lines.find((text) => text.includes(redeemedLine)) ?? "";
    expect(line).toContain(`username=${defaultUsername}`);
    expect(line).toContain(`homeAccountId=${record?.homeAccountId}`);
    expect(line).toContain(`tenantId=${defaultTenantId}`);
    expect(line).toContain(`clientId=${defaultWebAppClientId}`);
  });
});
