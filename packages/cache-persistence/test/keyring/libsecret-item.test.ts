import { describe, expect, it } from "vitest";
import { keytarAccountFor, libsecretItemFor } from "../../src/index";

describe("libsecretItemFor", () => {
  it("gives the anchors' items for msal.cache", () => {
    expect(libsecretItemFor("msal-node")).toEqual({
      schema: "org.freedesktop.Secret.Generic",
      attributes: { service: "Microsoft.Developer.IdentityService", account: "MSALCache" },
      label: "Microsoft.Developer.IdentityService/MSALCache",
    });
    expect(libsecretItemFor("python")).toEqual({
      schema: "msal.cache",
      attributes: { MsalClientID: "Microsoft.Developer.IdentityService" },
      label: "MSALCache",
    });
    expect(libsecretItemFor("dotnet")).toEqual({
      schema: "msal.cache",
      attributes: {
        MsalClientID: "Microsoft.Developer.IdentityService",
        "Microsoft.Developer.IdentityService": "1.0.0.0",
      },
      label: "MSAL Persistent Token Cache",
    });
  });

  it("derives every layout from other names", () => {
    expect(libsecretItemFor("python", "msal.cache.cae").schema).toBe("msal.cache.cae");
    expect(libsecretItemFor("dotnet", "msal.cache.cae").schema).toBe("msal.cache.cae");
    expect(libsecretItemFor("msal-node", "msal.cache.cae").attributes.account).toBe(
      "MSALCache.msal.cache.cae",
    );
    expect(keytarAccountFor("msal.cache")).toBe("MSALCache");
    expect(keytarAccountFor("other")).toBe("MSALCache.other");
  });
});
