import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redisCacheKey } from "../src/index";

describe("redisCacheKey", () => {
  it("derives the key from the full cache name and the partition", () => {
    expect(redisCacheKey()).toBe("entrakit:token-cache:msal.cache");
    expect(redisCacheKey({ partition: "uid.utid" })).toBe(
      "entrakit:token-cache:msal.cache:uid.utid",
    );
    expect(redisCacheKey({ name: "msal.cache.cae", partition: "p", keyPrefix: "app:" })).toBe(
      "app:msal.cache.cae:p",
    );
  });

  it("encodes separators and hash-tag braces so parts cannot imitate each other", () => {
    expect(redisCacheKey({ name: "a:b" })).not.toBe(redisCacheKey({ name: "a", partition: "b" }));
    expect(redisCacheKey({ partition: "{tag}" })).toBe("entrakit:token-cache:msal.cache:%7Btag%7D");
  });

  it("gives distinct (name, partition) pairs distinct keys (property)", () => {
    const part = fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined });
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        part,
        fc.string({ maxLength: 20 }),
        part,
        (n1, p1, n2, p2) => {
          fc.pre(n1 !== n2 || p1 !== p2);
          expect(redisCacheKey({ name: n1, partition: p1 })).not.toBe(
            redisCacheKey({ name: n2, partition: p2 }),
          );
        },
      ),
    );
  });

  it("refuses an empty or huge partition", () => {
    expect(() => redisCacheKey({ partition: "" })).toThrow(/partition/);
    expect(() => redisCacheKey({ partition: "x".repeat(1025) })).toThrow(RangeError);
  });
});
