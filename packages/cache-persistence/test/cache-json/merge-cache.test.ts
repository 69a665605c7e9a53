import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyCacheChanges,
  changesAlter,
  diffCache,
  jsonEqual,
  mergeReproduces,
  sameCache,
} from "../../src/cache-json/merge-cache";

describe("diffCache / applyCacheChanges", () => {
  it("applies what changed since the baseline and keeps what others wrote", () => {
    const baseline = { AccessToken: { a: { v: 1 }, b: { v: 1 } }, Account: { x: { u: 1 } } };
    const mine = { AccessToken: { a: { v: 2 }, c: { v: 1 } }, Account: { x: { u: 1 } } };
    const stored = {
      AccessToken: { a: { v: 1 }, b: { v: 1 }, d: { v: "other writer" } },
      Account: { x: { u: 1, foreign: true } },
      Unknown: { kept: ["as", "is"] },
    };
    const merged = applyCacheChanges(stored, diffCache(baseline, mine));
    expect(merged).toEqual({
      AccessToken: { a: { v: 2 }, c: { v: 1 }, d: { v: "other writer" } },
      Account: { x: { u: 1, foreign: true } },
      Unknown: { kept: ["as", "is"] },
    });
    expect(merged.Unknown).toBe(stored.Unknown);
  });

  it("does not resurrect entries another writer removed unless they were changed", () => {
    const baseline = { RefreshToken: { gone: { v: 1 } } };
    const merged = applyCacheChanges({ RefreshToken: {} }, diffCache(baseline, baseline));
    expect(merged).toEqual({ RefreshToken: {} });
  });

  it("keeps a __proto__ key as data and never touches prototypes", () => {
    const mine = JSON.parse('{"AccessToken": {"__proto__": {"polluted": "yes"}}}');
    const merged = applyCacheChanges({}, diffCache({}, mine));
    expect(JSON.stringify(merged)).toBe('{"AccessToken":{"__proto__":{"polluted":"yes"}}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("ignores inherited names such as toString when diffing", () => {
    const changes = diffCache({ AccessToken: {} }, { AccessToken: { toString: { v: 1 } } });
    expect(changes.get("AccessToken")?.has("toString")).toBe(true);
  });

  const section = fc.dictionary(
    fc.string({ maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 3 }), fc.integer()),
  );
  const cache = fc.record({ AccessToken: section, RefreshToken: section, Account: section });

  it("applying the diff to the baseline gives MSAL's cache (property)", () => {
    fc.assert(
      fc.property(cache, cache, (baseline, mine) => {
        expect(jsonEqual(applyCacheChanges(baseline, diffCache(baseline, mine)), mine)).toBe(true);
      }),
    );
  });

  it("entries only another writer touched survive a merge (property)", () => {
    fc.assert(
      fc.property(cache, cache, section, (baseline, mine, foreign) => {
        const stored = { ...baseline, Foreign: foreign };
        const merged = applyCacheChanges(stored, diffCache(baseline, mine));
        expect(merged.Foreign).toBe(foreign);
      }),
    );
  });

  // Top levels as other tools leave them: sections missing, empty, or not objects at all.
  const topLevel = fc.dictionary(
    fc.constantFrom("AccessToken", "RefreshToken", "Account", "Foreign"),
    fc.oneof(section, fc.constant({}), fc.integer(), fc.constant([1])),
  );

  it("changesAlter says whether applying the changes changes the base (property)", () => {
    fc.assert(
      fc.property(topLevel, topLevel, topLevel, (base, before, after) => {
        const changes = diffCache(before, after);
        expect(changesAlter(base, changes)).toBe(
          !jsonEqual(applyCacheChanges(base, changes), base),
        );
      }),
    );
  });

  it("mergeReproduces says whether the merge gives MSAL's cache itself (property)", () => {
    fc.assert(
      fc.property(topLevel, topLevel, (before, after) => {
        expect(mergeReproduces(before, after)).toBe(
          sameCache(applyCacheChanges(before, diffCache(before, after)), after),
        );
      }),
    );
  });

  it("creates a section MSAL added even while it is empty", () => {
    const merged = applyCacheChanges({}, diffCache({}, { AppMetadata: {} }));
    expect(merged).toEqual({ AppMetadata: {} });
    expect(diffCache({ AppMetadata: {} }, { AppMetadata: {} }).size).toBe(0);
  });

  it("sameCache counts an empty section as no section, and nothing else", () => {
    expect(
      sameCache({ AccessToken: {}, Account: { a: { u: 1 } } }, { Account: { a: { u: 1 } } }),
    ).toBe(true);
    expect(sameCache({ Account: { a: { u: 1 } } }, { Account: { a: { u: 2 } } })).toBe(false);
    expect(sameCache({ Foreign: [] }, {})).toBe(false);
    expect(sameCache({ Account: {} }, { Account: { a: {} } })).toBe(false);
  });

  it("jsonEqual ignores key order and tells arrays from objects", () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual({ a: undefined }, { b: undefined })).toBe(false);
  });
});
