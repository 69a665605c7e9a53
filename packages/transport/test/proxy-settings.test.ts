import { isInvalidArgumentError } from "@entrakit/core";
import { describe, expect, it } from "vitest";
import { createProxySelector } from "../src/proxy-settings.js";

const authority = new URL("https://login.microsoftonline.com/common/oauth2/v2.0/token");

describe("createProxySelector", () => {
  it("has no proxy when neither the option nor the environment names one", () => {
    expect(createProxySelector(undefined, {})).toBeUndefined();
    expect(createProxySelector(undefined, { HTTPS_PROXY: "  " })).toBeUndefined();
  });

  it("reads HTTPS_PROXY, https_proxy, HTTP_PROXY, http_proxy in that order", () => {
    const pick = (env: Record<string, string>) =>
      createProxySelector(undefined, env)?.select(authority)?.hostname;
    expect(pick({ http_proxy: "d", HTTP_PROXY: "c", https_proxy: "b", HTTPS_PROXY: "a" })).toBe(
      "a",
    );
    expect(pick({ http_proxy: "d", HTTP_PROXY: "c", https_proxy: "b" })).toBe("b");
    expect(pick({ http_proxy: "d", HTTP_PROXY: "c" })).toBe("c");
    expect(pick({ http_proxy: "d" })).toBe("d");
  });

  it("accepts a proxy without a scheme and fills in default ports", () => {
    expect(
      createProxySelector(undefined, { HTTPS_PROXY: "proxy.corp:3128" })?.select(authority),
    ).toEqual({
      protocol: "http:",
      hostname: "proxy.corp",
      port: 3128,
    });
    expect(createProxySelector({ url: "https://proxy.corp" }, {})?.select(authority)?.port).toBe(
      443,
    );
    expect(createProxySelector({ url: "http://[::1]" }, {})?.select(authority)).toMatchObject({
      hostname: "::1",
      port: 80,
    });
  });

  it("turns URL credentials into a Basic Proxy-Authorization", () => {
    const endpoint = createProxySelector({ url: "http://us%40er:p%3Ass@proxy:8080" }, {})?.select(
      authority,
    );
    expect(endpoint?.authorization).toBe(`Basic ${Buffer.from("us@er:p:ss").toString("base64")}`);
  });

  it("applies NO_PROXY from the environment, or the option's own noProxy", () => {
    const fromEnv = createProxySelector(
      { url: "http://proxy:1" },
      { no_proxy: "microsoftonline.com" },
    );
    expect(fromEnv?.select(authority)).toBeUndefined();
    const own = createProxySelector(
      { url: "http://proxy:1", noProxy: "other.test" },
      { NO_PROXY: "*" },
    );
    expect(own?.select(authority)?.hostname).toBe("proxy");
  });

  it("sends loopback direct for an environment proxy only", () => {
    const loopback = new URL("https://127.0.0.1:8443/token");
    expect(
      createProxySelector(undefined, { HTTPS_PROXY: "http://proxy:1" })?.select(loopback),
    ).toBeUndefined();
    expect(createProxySelector({ url: "http://proxy:1" }, {})?.select(loopback)?.hostname).toBe(
      "proxy",
    );
  });

  it("ignores the environment when proxy is false", () => {
    expect(createProxySelector(false, { HTTPS_PROXY: "http://proxy:1" })).toBeUndefined();
  });

  it.each([
    [{ url: "socks5://user:secret-pw@proxy:1080" }, {}, "the proxy.url option", "socks5:"],
    [
      undefined,
      { HTTPS_PROXY: "http://user:secret-pw@[bad" },
      "the HTTPS_PROXY environment variable",
      "not a valid URL",
    ],
  ])("rejects a malformed proxy without echoing it", (option, env, names, says) => {
    let caught: unknown;
    try {
      createProxySelector(option, env);
    } catch (error) {
      caught = error;
    }
    expect(isInvalidArgumentError(caught)).toBe(true);
    expect((caught as Error).message).toContain(names);
    expect((caught as Error).message).toContain(says);
    expect((caught as Error).message).not.toContain("secret-pw");
  });
});
