import { describe, expect, it } from "vitest";
import { cloudMatcher } from "../src/cloud-matcher";

describe("cloudMatcher", () => {
  it("matches every alias of the cloud, with or without a port", () => {
    const publicCloud = cloudMatcher("https://login.microsoftonline.com");
    expect(
      ["login.windows.net", "LOGIN.MICROSOFTONLINE.COM", "login.microsoft.com:443"].map(
        publicCloud,
      ),
    ).toEqual([true, true, true]);
    expect(["login.chinacloudapi.cn", "127.0.0.1", undefined, 42].map(publicCloud)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it("matches a dev authority on any port", () => {
    const dev = cloudMatcher("https://127.0.0.1");
    expect(["127.0.0.1:8443", "127.0.0.1", "localhost:8443", "[::1]:8443"].map(dev)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
