import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCacheJson } from "../../src/index";

describe("parseCacheJson", () => {
  it("reads a cache and keeps unknown sections and fields", () => {
    const text = JSON.stringify({ AccessToken: { k: { secret: "x", extra: 1 } }, Custom: [1, 2] });
    const result = parseCacheJson(text);
    expect(result).toEqual({
      ok: true,
      cache: { AccessToken: { k: { secret: "x", extra: 1 } }, Custom: [1, 2] },
    });
  });

  it("treats blank text and a byte-order mark as an empty cache", () => {
    expect(parseCacheJson("")).toEqual({ ok: true, cache: {} });
    expect(parseCacheJson("  \n")).toEqual({ ok: true, cache: {} });
    expect(parseCacheJson("\uFEFF{}")).toEqual({ ok: true, cache: {} });
  });

  it.each([
    ['{"AccessToken": {"k": {"secret": "tru', "not valid JSON"],
    ["<html>oops</html>", "not valid JSON"],
    ["[]", "the top-level value is not an object"],
    ["null", "the top-level value is not an object"],
    ['"text"', "the top-level value is not an object"],
    ['{"AccessToken": "x"}', "section AccessToken is not an object"],
    ['{"Account": []}', "section Account is not an object"],
    ['{"RefreshToken": {"k": 5}}', "an entry of section RefreshToken is not an object"],
    ['{"IdToken": {"k": null}}', "an entry of section IdToken is not an object"],
  ])("refuses %j: %s", (text, reason) => {
    expect(parseCacheJson(text)).toEqual({ ok: false, reason });
  });

  it("never throws, and its reason is one of a fixed set that quotes nothing", () => {
    const fixed =
      /^(not valid JSON|the top-level value is not an object|(section|an entry of section) (Account|IdToken|AccessToken|RefreshToken|AppMetadata) is not an object)$/;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ AccessToken: v })),
        ),
        (text) => {
          const result = parseCacheJson(text);
          if (!result.ok) expect(result.reason).toMatch(fixed);
        },
      ),
    );
  });

  it("accepts every JSON object whose known sections hold objects", () => {
    const entry = fc.dictionary(fc.string(), fc.jsonValue());
    const section = fc.dictionary(fc.string(), entry);
    const cache = fc.record(
      {
        Account: section,
        AccessToken: section,
        RefreshToken: section,
        IdToken: section,
        AppMetadata: section,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        cache,
        fc.dictionary(
          fc
            .string()
            .filter((k) => !k.match(/^(Account|AccessToken|RefreshToken|IdToken|AppMetadata)$/)),
          fc.jsonValue(),
        ),
        (known, unknown) => {
          const value = { ...unknown, ...known };
          const result = parseCacheJson(JSON.stringify(value));
          expect(result.ok).toBe(true);
          if (result.ok)
            expect(JSON.stringify(result.cache)).toBe(
              JSON.stringify(JSON.parse(JSON.stringify(value))),
            );
        },
      ),
    );
  });

  it("refuses arbitrary JSON values that are not objects", () => {
    fc.assert(
      fc.property(
        fc.jsonValue().filter((v) => typeof v !== "object" || v === null || Array.isArray(v)),
        (value) => {
          expect(parseCacheJson(JSON.stringify(value)).ok).toBe(false);
        },
      ),
    );
  });
});
