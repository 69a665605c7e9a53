import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenCacheKey, tokenKeyPrefix } from "../src/token-cache-key.js";

describe("tokenCacheKey", () => {
  it("is the same for the same scopes in any order", () => {
    const prefix = tokenKeyPrefix("t", false);

    expect(tokenCacheKey(prefix, ["b", "a", "c"])).toBe(tokenCacheKey(prefix, ["a", "c", "b"]));
  });

  it("does not sort the caller's array in place", () => {
    const scopes = ["b", "a"];
    tokenCacheKey(tokenKeyPrefix("t", false), scopes);

    expect(scopes).toEqual(["b", "a"]);
  });

  it("differs by tenant and by CAE for the same scopes", () => {
    const keys = [
      tokenCacheKey(tokenKeyPrefix("t1", false), ["s"]),
      tokenCacheKey(tokenKeyPrefix("t1", true), ["s"]),
      tokenCacheKey(tokenKeyPrefix("t2", false), ["s"]),
    ];

    expect(new Set(keys).size).toBe(3);
  });

  it("never collides across different (tenant, CAE, scope set) with valid inputs", () => {
    const tenant = fc.constantFrom("a", "a.b", "ab", "a-b", "b");
    const scope = fc.string({
      unit: fc.constantFrom("a", "b", "/", ".", ":"),
      minLength: 1,
      maxLength: 4,
    });
    const entry = fc.record({
      tenant,
      cae: fc.boolean(),
      scopes: fc.uniqueArray(scope, { minLength: 1, maxLength: 3 }),
    });
    fc.assert(
      fc.property(entry, entry, (x, y) => {
        const same =
          x.tenant === y.tenant &&
          x.cae === y.cae &&
          [...x.scopes].sort().join("\n") === [...y.scopes].sort().join("\n");
        const kx = tokenCacheKey(tokenKeyPrefix(x.tenant, x.cae), x.scopes);
        const ky = tokenCacheKey(tokenKeyPrefix(y.tenant, y.cae), y.scopes);
        expect(kx === ky).toBe(same);
      }),
    );
  });
});
