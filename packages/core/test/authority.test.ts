import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { authorityUrl, InvalidArgumentError, normalizeAuthorityHost } from "../src/index.js";

function errorOf(
  ...args: Parameters<typeof normalizeAuthorityHost>
): InvalidArgumentError | undefined {
  try {
    normalizeAuthorityHost(...args);
    return undefined;
  } catch (error) {
    return error as InvalidArgumentError;
  }
}

describe("normalizeAuthorityHost", () => {
  it("defaults to the public cloud", () => {
    expect(normalizeAuthorityHost(undefined)).toBe("https://login.microsoftonline.com");
    expect(normalizeAuthorityHost(undefined, {})).toBe("https://login.microsoftonline.com");
  });

  it("gives a bare host https and removes a trailing slash", () => {
    expect(normalizeAuthorityHost("login.microsoftonline.us")).toBe(
      "https://login.microsoftonline.us",
    );
    expect(normalizeAuthorityHost("https://login.chinacloudapi.cn/")).toBe(
      "https://login.chinacloudapi.cn",
    );
    expect(normalizeAuthorityHost("  HTTPS://Login.MicrosoftOnline.com//  ")).toBe(
      "https://login.microsoftonline.com",
    );
    expect(normalizeAuthorityHost("authority.example:8443")).toBe("https://authority.example:8443");
  });

  it("reads AZURE_AUTHORITY_HOST from the environment, below an explicit option", () => {
    const env = { AZURE_AUTHORITY_HOST: "https://login.microsoftonline.us/" };

    expect(normalizeAuthorityHost(undefined, env)).toBe("https://login.microsoftonline.us");
    expect(normalizeAuthorityHost("login.chinacloudapi.cn", env)).toBe(
      "https://login.chinacloudapi.cn",
    );
  });

  it("treats an empty AZURE_AUTHORITY_HOST as unset", () => {
    expect(normalizeAuthorityHost(undefined, { AZURE_AUTHORITY_HOST: "" })).toBe(
      "https://login.microsoftonline.com",
    );
    expect(normalizeAuthorityHost(undefined, { AZURE_AUTHORITY_HOST: "  " })).toBe(
      "https://login.microsoftonline.com",
    );
  });

  it("refuses http, even for loopback, unless allowInsecureLoopback is set", () => {
    const error = errorOf("http://login.microsoftonline.com");

    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error?.code).toBe("invalid_authority");
    expect(error?.message).toMatch(
      /^Authority: .*http.*Set authorityHost \(or AZURE_AUTHORITY_HOST\)/,
    );
    expect(errorOf("http://localhost:8080")?.code).toBe("invalid_authority");
  });

  it.each([
    "http://localhost:8080",
    "http://127.0.0.1:4000",
    "http://127.1.2.3",
    "http://[::1]:5000",
    "http://LOCALHOST",
  ])("allows %s with allowInsecureLoopback", (host) => {
    expect(normalizeAuthorityHost(host, {}, { allowInsecureLoopback: true })).toMatch(/^http:\/\//);
  });

  it.each([
    "http://10.0.0.1",
    "http://localhost.evil.example",
    "http://127.0.0.1.nip.io",
    "http://[::2]",
  ])("refuses the non-loopback %s even with allowInsecureLoopback", (host) => {
    expect(errorOf(host, {}, { allowInsecureLoopback: true })?.code).toBe("invalid_authority");
  });

  it.each([
    ["a path", "https://login.microsoftonline.com/common"],
    ["a tenant path", "https://login.microsoftonline.com/contoso.onmicrosoft.com/"],
    ["a query", "https://login.microsoftonline.com/?x=1"],
    ["a fragment", "https://login.microsoftonline.com/#x"],
    ["credentials", "https://user:pass@login.microsoftonline.com"],
    ["another scheme", "ftp://login.microsoftonline.com"],
    ["not a URL", "https://exa mple.com"],
    ["an empty string", ""],
  ])("refuses %s", (_, host) => {
    expect(errorOf(host)?.code).toBe("invalid_authority");
  });

  it("never puts URL credentials into the message", () => {
    expect(
      errorOf("https://user:hunter2-planted@login.microsoftonline.com")?.message,
    ).not.toContain("hunter2-planted");
  });

  it("always returns an https origin without path, query or trailing slash, or throws invalid_authority", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string()),
        (host) => {
          let result: string;
          try {
            result = normalizeAuthorityHost(host);
          } catch (error) {
            expect((error as InvalidArgumentError).code).toBe("invalid_authority");
            return;
          }
          expect(result).toBe(new URL(result).origin);
          expect(result.startsWith("https://")).toBe(true);
        },
      ),
    );
  });
});

describe("normalizeAuthorityHost: repeated hosts", () => {
  it("answers a repeated host the same, and keeps refusing a malformed one", () => {
    const first = normalizeAuthorityHost("login.microsoftonline.de/");
    expect(normalizeAuthorityHost("login.microsoftonline.de/")).toBe(first);
    expect(first).toBe("https://login.microsoftonline.de");
    for (let n = 0; n < 3; n++) {
      expect(errorOf("https://login.microsoftonline.de/tenant")?.code).toBe("invalid_authority");
    }
  });

  it("does not let a host accepted with allowInsecureLoopback pass without it", () => {
    expect(
      normalizeAuthorityHost("http://localhost:8400", {}, { allowInsecureLoopback: true }),
    ).toBe("http://localhost:8400");
    expect(errorOf("http://localhost:8400")?.code).toBe("invalid_authority");
    expect(errorOf("http://localhost:8400", {}, { allowInsecureLoopback: false })?.code).toBe(
      "invalid_authority",
    );
  });

  it("still follows AZURE_AUTHORITY_HOST after another host was resolved", () => {
    expect(normalizeAuthorityHost(undefined, {})).toBe("https://login.microsoftonline.com");
    expect(
      normalizeAuthorityHost(undefined, { AZURE_AUTHORITY_HOST: "login.microsoftonline.us" }),
    ).toBe("https://login.microsoftonline.us");
  });

  it("stays correct past the number of hosts it remembers", () => {
    for (let n = 0; n < 200; n++) {
      expect(normalizeAuthorityHost(`login${n}.example.com`)).toBe(`https://login${n}.example.com`);
    }
    expect(errorOf("http://login7.example.com")?.code).toBe("invalid_authority");
  });
});

describe("authorityUrl", () => {
  it("joins host and tenant with one slash", () => {
    expect(authorityUrl("https://login.microsoftonline.com", "common")).toBe(
      "https://login.microsoftonline.com/common",
    );
    expect(authorityUrl("https://login.microsoftonline.com//", "contoso.com")).toBe(
      "https://login.microsoftonline.com/contoso.com",
    );
  });
});
