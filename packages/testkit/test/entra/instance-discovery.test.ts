import { describe, expect, test } from "vitest";
import { instanceDiscovery } from "../../src/index.js";

describe("instanceDiscovery", () => {
  test("lists the public cloud's aliases with Entra's preferred hosts", () => {
    const body = instanceDiscovery("login.microsoftonline.com").body!;
    expect(body["api-version"]).toBe("1.1");
    expect(body.tenant_discovery_endpoint).toBe(
      "https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration",
    );
    expect(body.metadata).toEqual([
      {
        preferred_network: "login.microsoftonline.com",
        preferred_cache: "login.windows.net",
        aliases: [
          "login.microsoftonline.com",
          "login.windows.net",
          "login.microsoft.com",
          "sts.windows.net",
        ],
      },
    ]);
  });

  test("names only the host itself for a local authority", () => {
    expect(instanceDiscovery("127.0.0.1:8443").body?.metadata).toEqual([
      {
        preferred_network: "127.0.0.1:8443",
        preferred_cache: "127.0.0.1:8443",
        aliases: ["127.0.0.1:8443"],
      },
    ]);
  });
});
