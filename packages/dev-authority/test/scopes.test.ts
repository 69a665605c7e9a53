import { describe, expect, it } from "vitest";
import { OAuthError } from "../src/oauth-error.js";
import { resolveScopes } from "../src/scopes.js";

describe("resolveScopes", () => {
  it.each([
    [["https://storage.azure.com/.default"], "https://storage.azure.com", "user_impersonation"],
    [
      ["https://vault.azure.net/user_impersonation"],
      "https://vault.azure.net",
      "user_impersonation",
    ],
    [["api://x/scope"], "api://x", "scope"],
    [["api://x/read", "api://x/write"], "api://x", "read write"],
    [["User.Read", "Mail.Read"], "https://graph.microsoft.com", "User.Read Mail.Read"],
    [["https://graph.microsoft.com/.default"], "https://graph.microsoft.com", "User.Read"],
    [
      ["https://management.core.windows.net//.default"],
      "https://management.core.windows.net/",
      "user_impersonation",
    ],
    [
      ["00000003-0000-0000-c000-000000000000/User.Read"],
      "00000003-0000-0000-c000-000000000000",
      "User.Read",
    ],
    [["openid", "profile", "offline_access"], "https://graph.microsoft.com", "User.Read"],
  ])("%j → aud %s, scp %s", (scopes, resource, scp) => {
    const resolved = resolveScopes(scopes);
    expect(resolved.resource).toBe(resource);
    expect(resolved.scp).toBe(scp);
  });

  it("echoes granted resource scopes plus the OIDC scopes asked for", () => {
    const resolved = resolveScopes([
      "https://storage.azure.com/.default",
      "openid",
      "offline_access",
    ]);
    expect(resolved.responseScope).toBe(
      "https://storage.azure.com/user_impersonation https://storage.azure.com/.default openid offline_access",
    );
    expect(resolved.hasOpenId).toBe(true);
    expect(resolved.hasOfflineAccess).toBe(true);
    expect(resolveScopes(["User.Read"]).hasOpenId).toBe(false);
  });

  it("refuses scopes of two resources with AADSTS28000", () => {
    let caught: unknown;
    try {
      resolveScopes(["https://vault.azure.net/.default", "https://storage.azure.com/.default"]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OAuthError);
    expect(caught).toMatchObject({ status: 400, error: "invalid_request", aadsts: 28000 });
    expect(() => resolveScopes(["User.Read", "https://vault.azure.net/.default"])).toThrow(
      /AADSTS28000/,
    );
  });

  it("treats a trailing slash as the same resource", () => {
    expect(() => resolveScopes(["https://x.test/a", "https://x.test//.default"])).not.toThrow();
  });
});
