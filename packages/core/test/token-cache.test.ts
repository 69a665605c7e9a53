import { describe, expect, it } from "vitest";
import type { AccessTokenInfo } from "../src/access-token-info.js";
import { TokenCache } from "../src/token-cache.js";

const token = (expiresOnTimestamp: number): AccessTokenInfo => ({
  token: `t${expiresOnTimestamp}`,
  expiresOnTimestamp,
  refreshAfterTimestamp: expiresOnTimestamp - 1,
  tokenType: "Bearer",
});

describe("TokenCache", () => {
  it("keeps partitions apart: the same scopes under two tenants are two entries", () => {
    const cache = new TokenCache(10);
    cache.set("a\n", "s", token(100), 90, true, 0);
    cache.set("b\n", "s", token(200), 190, true, 0);
    expect(cache.get("a\n", "s")?.token.expiresOnTimestamp).toBe(100);
    expect(cache.get("b\n", "s")?.token.expiresOnTimestamp).toBe(200);
    expect(cache.size).toBe(2);
  });

  it("replacing an entry does not grow the count", () => {
    const cache = new TokenCache(10);
    cache.set("a\n", "s", token(100), 90, true, 0);
    cache.set("a\n", "s", token(300), 290, true, 0);
    expect(cache.size).toBe(1);
    expect(cache.get("a\n", "s")?.token.expiresOnTimestamp).toBe(300);
  });

  it("when full, drops expired entries of every partition before live ones", () => {
    const cache = new TokenCache(3);
    cache.set("a\n", "live", token(1_000), 900, true, 0);
    cache.set("b\n", "old1", token(10), 5, true, 0);
    cache.set("c\n", "old2", token(20), 15, true, 0);
    cache.set("a\n", "new", token(2_000), 1_900, true, 50);
    expect(cache.size).toBe(2);
    expect(cache.get("a\n", "live")).toBeDefined();
    expect(cache.get("b\n", "old1")).toBeUndefined();
    expect(cache.get("c\n", "old2")).toBeUndefined();
  });

  it("when full of live entries, drops the oldest one", () => {
    const cache = new TokenCache(2);
    cache.set("a\n", "first", token(1_000), 900, true, 0);
    cache.set("a\n", "second", token(1_000), 900, true, 0);
    cache.set("a\n", "third", token(1_000), 900, true, 0);
    expect(cache.size).toBe(2);
    expect(cache.get("a\n", "first")).toBeUndefined();
    expect(cache.get("a\n", "third")).toBeDefined();
  });

  it("serves one settled promise per entry, so warm reads allocate nothing", async () => {
    const cache = new TokenCache(2);
    cache.set("a\n", "s", token(1_000), 900, true, 0);
    const entry = cache.get("a\n", "s");
    expect(entry?.promise).toBe(cache.get("a\n", "s")?.promise);
    await expect(entry?.promise).resolves.toBe(entry?.token);
  });

  it("clear() empties every partition and keeps held partitions usable", () => {
    const cache = new TokenCache(5);
    const held = cache.partition("a\n");
    cache.set("a\n", "s", token(1_000), 900, true, 0);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(held.size).toBe(0);
    cache.set("a\n", "s", token(1_000), 900, true, 0);
    expect(held.get("s")).toBeDefined();
  });
});
