import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashOf, knownVersion, lazyVersion } from "../../src/file/lazy-version";

describe("lazyVersion", () => {
  it("is the content's SHA-256, the same on every call", () => {
    const bytes = Buffer.from('{"AccessToken":{}}');
    const version = lazyVersion(bytes);
    expect(version.blank).toBe(false);
    const expected = createHash("sha256").update(bytes).digest("base64url");
    expect(version.get()).toBe(expected);
    expect(version.get()).toBe(expected);
    expect(hashOf(bytes)).toBe(expected);
  });

  it("gives different content different versions", () => {
    expect(lazyVersion(Buffer.from('{"a":1}')).get()).not.toBe(
      lazyVersion(Buffer.from('{"a":2}')).get(),
    );
  });

  it.each(["", "  \n", "\uFEFF"])("takes a blank file (%j) as holding nothing", (text) => {
    const version = lazyVersion(Buffer.from(text));
    expect(version.blank).toBe(true);
    expect(version.get()).toBeUndefined();
  });

  it("hands back a known version as it is", () => {
    expect(knownVersion("v1")).toMatchObject({ blank: false });
    expect(knownVersion("v1").get()).toBe("v1");
  });
});
