import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyEntries,
  changedEntries,
  isEmptyEntries,
  splitAccessTokens,
} from "../../src/cache/cache-entries";

const entry = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }));
const section = fc.dictionary(fc.string({ maxLength: 12 }), entry, { maxKeys: 6 });
const cache = fc.record({
  Account: section,
  AccessToken: section,
  RefreshToken: section,
  Unknown: section,
});

describe("changedEntries", () => {
  it("reports new and changed entries, never removals", () => {
    const before = {
      AccessToken: { a: { secret: "1" }, gone: { secret: "x" } },
      RefreshToken: { r: { secret: "r" } },
    };
    const after = {
      AccessToken: { a: { secret: "2" }, b: { secret: "3" } },
      RefreshToken: { r: { secret: "r" } },
    };
    expect(changedEntries(before, after)).toEqual({
      AccessToken: { a: { secret: "2" }, b: { secret: "3" } },
    });
  });

  it("reports nothing for equal caches", () => {
    fc.assert(fc.property(cache, (value) => isEmptyEntries(changedEntries(value, value))));
  });
});

describe("applyEntries", () => {
  it("never removes an entry or a section, and every applied entry is there afterwards", () => {
    fc.assert(
      fc.property(cache, cache, (stored, incoming) => {
        const target = structuredClone(stored) as Record<string, unknown>;
        applyEntries(target, incoming);
        for (const [name, entries] of Object.entries(stored)) {
          for (const key of Object.keys(entries)) {
            expect(Object.hasOwn(target[name] as object, key)).toBe(true);
          }
        }
        for (const [name, entries] of Object.entries(incoming)) {
          for (const [key, value] of Object.entries(entries)) {
            const stored = (target[name] as Record<string, Record<string, unknown>>)[key];
            // Account entries keep the stored fields the incoming entry does not have.
            if (name === "Account") {
              for (const [field, fieldValue] of Object.entries(value)) {
                expect(stored?.[field]).toEqual(fieldValue);
              }
            } else expect(stored).toEqual(value);
          }
        }
      }),
    );
  });

  it("says whether anything changed", () => {
    const target = { AccessToken: { a: { secret: "1" } } };
    expect(applyEntries(target, { AccessToken: { a: { secret: "1" } } })).toBe(false);
    expect(applyEntries(target, { AccessToken: { a: { secret: "2" } } })).toBe(true);
    expect(applyEntries(target, { Account: { n: {} } })).toBe(true);
    expect(target).toEqual({ AccessToken: { a: { secret: "2" } }, Account: { n: {} } });
  });

  it("keeps a __proto__ key as data", () => {
    const target: Record<string, unknown> = { AccessToken: {} };
    applyEntries(target, JSON.parse('{"AccessToken":{"__proto__":{"polluted":true}}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(target.AccessToken as object)).toEqual(["__proto__"]);
  });
});

describe("splitAccessTokens", () => {
  it("separates access tokens from the rest", () => {
    const { accessTokens, others } = splitAccessTokens({
      AccessToken: { a: {} },
      RefreshToken: { r: {} },
    });
    expect(accessTokens).toEqual({ AccessToken: { a: {} } });
    expect(others).toEqual({ RefreshToken: { r: {} } });
  });
});

describe("applyEntries on replaced entries", () => {
  it("keeps other tools' fields on accounts, and replaces tokens whole", () => {
    const target = {
      Account: { a: { username: "u", tool_field: "keep" } },
      AccessToken: { t: { secret: "old", refresh_on: "1" } },
    };
    applyEntries(target, {
      Account: { a: { username: "u", realm: "r" } },
      AccessToken: { t: { secret: "new" } },
    });
    expect(target).toEqual({
      Account: { a: { username: "u", tool_field: "keep", realm: "r" } },
      AccessToken: { t: { secret: "new" } },
    });
  });
});
