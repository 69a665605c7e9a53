import { describe, expect, test } from "vitest";
import { openIdConfiguration } from "../../src/index.js";

describe("openIdConfiguration", () => {
  test("puts every endpoint under the authority", () => {
    const body = openIdConfiguration("https://127.0.0.1:8443/tenant-1").body!;
    expect(body).toMatchObject({
      issuer: "https://127.0.0.1:8443/tenant-1/v2.0",
      authorization_endpoint: "https://127.0.0.1:8443/tenant-1/oauth2/v2.0/authorize",
      token_endpoint: "https://127.0.0.1:8443/tenant-1/oauth2/v2.0/token",
      device_authorization_endpoint: "https://127.0.0.1:8443/tenant-1/oauth2/v2.0/devicecode",
      end_session_endpoint: "https://127.0.0.1:8443/tenant-1/oauth2/v2.0/logout",
      jwks_uri: "https://127.0.0.1:8443/tenant-1/discovery/v2.0/keys",
    });
  });

  test.each([
    "https://login.microsoftonline.com/common",
    "https://login.microsoftonline.com/common/",
    "https://login.microsoftonline.com/common/v2.0",
    "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
  ])("accepts %s and uses Entra's issuer placeholder for multi-tenant authorities", (url) => {
    const body = openIdConfiguration(url).body!;
    expect(body.token_endpoint).toBe("https://login.microsoftonline.com/common/oauth2/v2.0/token");
    expect(body.issuer).toBe("https://login.microsoftonline.com/{tenantid}/v2.0");
  });
});
