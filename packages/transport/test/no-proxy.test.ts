import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isLoopbackHost, isProxyBypassed } from "../src/no-proxy.js";

const url = (text: string) => new URL(text);

describe("isProxyBypassed", () => {
  it.each([
    ["*", "https://login.microsoftonline.com/x", true],
    ["login.microsoftonline.com", "https://login.microsoftonline.com/x", true],
    ["microsoftonline.com", "https://login.microsoftonline.com/x", true],
    [".microsoftonline.com", "https://login.microsoftonline.com/x", true],
    [".microsoftonline.com", "https://microsoftonline.com/x", true],
    ["*.microsoftonline.com", "https://login.microsoftonline.com/x", true],
    ["online.com", "https://login.microsoftonline.com/x", false],
    ["LOGIN.Microsoftonline.COM", "https://login.microsoftonline.com/x", true],
    ["example.com, login.microsoftonline.com:443", "https://login.microsoftonline.com/x", true],
    ["login.microsoftonline.com:8443", "https://login.microsoftonline.com/x", false],
    ["login.microsoftonline.com:8443", "https://login.microsoftonline.com:8443/x", true],
    ["proxy.local:80", "http://proxy.local/x", true],
    ["10.0.0.5", "https://10.0.0.5/x", true],
    ["10.0.0.5", "https://10.0.0.50/x", false],
    ["0.0.5", "https://10.0.0.5/x", false],
    ["10.0.0.0/8", "https://10.200.1.1/x", true],
    ["10.0.0.0/8", "https://11.0.0.1/x", false],
    ["0.0.0.0/0", "https://8.8.8.8/x", true],
    ["10.0.0.0/33", "https://10.0.0.1/x", false],
    ["::1", "https://[::1]:8443/x", true],
    ["[::1]:8443", "https://[::1]:8443/x", true],
    ["[::1]:8443", "https://[::1]:9443/x", false],
    ["", "https://login.microsoftonline.com/x", false],
    [" , ,", "https://login.microsoftonline.com/x", false],
    [".", "https://login.microsoftonline.com/x", false],
  ])("NO_PROXY=%j for %s is %s", (noProxy, target, expected) => {
    expect(isProxyBypassed(url(target), noProxy)).toBe(expected);
  });

  it("bypasses nothing without a list", () => {
    expect(isProxyBypassed(url("https://a.test/"), undefined)).toBe(false);
  });

  it("matches a domain and all its subdomains, and nothing merely ending in the same text (property)", () => {
    // A hyphen pair at the third and fourth characters ("xn--") marks an IDNA
    // label; WHATWG URL refuses one that is not valid punycode, so hosts
    // generated here keep clear of it.
    const label = fc
      .stringMatching(/^[a-z][a-z0-9-]{0,10}$/)
      .filter((text) => text.slice(2, 4) !== "--");
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 3 }),
        fc.array(label, { maxLength: 3 }),
        label,
        (domain, sub, glued) => {
          const base = domain.join(".");
          const host = [...sub, base].join(".");
          expect(isProxyBypassed(url(`https://${host}/`), base)).toBe(true);
          expect(isProxyBypassed(url(`https://${host}/`), `.${base}`)).toBe(true);
          expect(isProxyBypassed(url(`https://${glued}${base}/`), base)).toBe(false);
        },
      ),
    );
  });
});

describe("isLoopbackHost", () => {
  it.each([
    ["https://localhost/", true],
    ["https://app.localhost:8443/", true],
    ["https://127.0.0.1/", true],
    ["https://127.8.9.1/", true],
    ["https://[::1]/", true],
    ["https://128.0.0.1/", false],
    ["https://localhost.example.com/", false],
    ["https://login.microsoftonline.com/", false],
  ])("%s is loopback: %s", (target, expected) => {
    expect(isLoopbackHost(url(target))).toBe(expected);
  });
});
