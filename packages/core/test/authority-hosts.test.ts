import { describe, expect, it } from "vitest";
import { AzureAuthorityHosts, aliasesOfHost, cloudHostAliases } from "../src/index.js";

describe("AzureAuthorityHosts", () => {
  it("has exactly @azure/identity's strings", () => {
    expect(AzureAuthorityHosts).toEqual({
      AzurePublicCloud: "https://login.microsoftonline.com",
      AzureChina: "https://login.chinacloudapi.cn",
      AzureGovernment: "https://login.microsoftonline.us",
      AzureGermany: "https://login.microsoftonline.de",
    });
  });

  it("matches the values @azure/identity exports", async () => {
    const identity = await import("@azure/identity");

    expect({ ...AzureAuthorityHosts }).toEqual({ ...identity.AzureAuthorityHosts });
  });
});

describe("aliasesOfHost", () => {
  it("returns every spelling of the public cloud", () => {
    expect(aliasesOfHost("login.windows.net")).toEqual([
      "login.microsoftonline.com",
      "login.windows.net",
      "login.microsoft.com",
      "sts.windows.net",
    ]);
  });

  it("is case-insensitive", () => {
    expect(aliasesOfHost("LOGIN.CHINACLOUDAPI.CN")).toContain("login.partner.microsoftonline.cn");
  });

  it("keeps clouds apart", () => {
    expect(aliasesOfHost("login.microsoftonline.us")).not.toContain("login.microsoftonline.com");
  });

  it("returns just the host for an unknown host, lower-cased", () => {
    expect(aliasesOfHost("Authority.Example:8443")).toEqual(["authority.example:8443"]);
  });

  it("lists no host under two clouds", () => {
    const all = cloudHostAliases.flat();

    expect(new Set(all).size).toBe(all.length);
  });
});
