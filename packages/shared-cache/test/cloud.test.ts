import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cloudOf, hostnameOf } from "../src/cloud";

describe("cloudOf", () => {
  it("accepts every alias of the public cloud and nothing else", () => {
    const cloud = cloudOf("https://login.microsoftonline.com");
    for (const alias of [
      "login.microsoftonline.com",
      "login.windows.net",
      "login.microsoft.com",
      "sts.windows.net",
      "LOGIN.WINDOWS.NET",
    ]) {
      expect(cloud.matches(alias)).toBe(true);
    }
    expect(cloud.matches("login.microsoftonline.us")).toBe(false);
    expect(cloud.matches("login.chinacloudapi.cn")).toBe(false);
    expect(cloud.matches(undefined)).toBe(false);
  });

  it("accepts the China and Government clouds' aliases", () => {
    expect(
      cloudOf("https://login.chinacloudapi.cn").matches("login.partner.microsoftonline.cn"),
    ).toBe(true);
    expect(cloudOf("https://login.microsoftonline.us").matches("login.usgovcloudapi.net")).toBe(
      true,
    );
    expect(cloudOf("https://login.microsoftonline.us").matches("login.windows.net")).toBe(false);
  });

  it("ignores ports, as MSAL Node writes them and Python does not", () => {
    const cloud = cloudOf("https://127.0.0.1:8443");
    expect(cloud.host).toBe("127.0.0.1:8443");
    expect(cloud.matches("127.0.0.1")).toBe(true);
    expect(cloud.matches("127.0.0.1:9999")).toBe(true);
    expect(cloud.matches("localhost")).toBe(false);
  });

  it("shares one cloud per host between credentials, and keeps hosts apart", () => {
    const first = cloudOf("https://login.microsoftonline.us");
    expect(cloudOf("https://login.microsoftonline.us")).toBe(first);
    const other = cloudOf("https://login.chinacloudapi.cn");
    expect(first.matches("login.usgovcloudapi.net")).toBe(true);
    expect(first.matches("login.chinacloudapi.cn")).toBe(false);
    expect(other.matches("login.chinacloudapi.cn")).toBe(true);
    expect(other.matches("login.usgovcloudapi.net")).toBe(false);
  });

  it("stays correct past the number of hosts it remembers", () => {
    for (let n = 0; n < 40; n++) {
      const cloud = cloudOf(`https://login${n}.example.com:8443`);
      expect(cloud.host).toBe(`login${n}.example.com:8443`);
      expect(cloud.matches(`login${n}.example.com`)).toBe(true);
      expect(cloud.matches(`login${n + 1}.example.com`)).toBe(false);
    }
  });
});

describe("hostnameOf", () => {
  it("drops a port and lower-cases, keeping IPv6 brackets", () => {
    expect(hostnameOf("Login.Windows.Net:443")).toBe("login.windows.net");
    expect(hostnameOf("[::1]:8443")).toBe("[::1]");
    fc.assert(
      fc.property(fc.domain(), fc.integer({ min: 1, max: 65535 }), (host, port) => {
        expect(hostnameOf(`${host}:${port}`)).toBe(host.toLowerCase());
      }),
    );
  });
});
