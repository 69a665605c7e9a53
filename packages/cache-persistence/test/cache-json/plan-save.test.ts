import { describe, expect, it, vi } from "vitest";
import { diffCache } from "../../src/cache-json/merge-cache";
import type { CacheJson } from "../../src/cache-json/parse-cache-json";
import { type MsalChange, planSave } from "../../src/cache-json/plan-save";

/** MSAL's cache after a change from `baseline`, serialized the way MSAL would. */
function change(baseline: CacheJson, cache: CacheJson) {
  const changes = vi.fn(() => diffCache(baseline, cache));
  const msal: MsalChange = { cache, text: JSON.stringify(cache), changes };
  return { msal, changes };
}

const at = (secret: string) => ({ credential_type: "AccessToken", secret });

describe("planSave", () => {
  it("stores MSAL's own text when the store is its baseline, without diffing", () => {
    const baseline = { AccessToken: { a: at("one") }, RefreshToken: {} };
    const mine = { AccessToken: { a: at("two") }, RefreshToken: {}, Account: {} };
    const { msal, changes } = change(baseline, mine);
    const plan = planSave(baseline, true, msal, true);
    expect(plan).toEqual({ write: true, data: msal.text, stored: mine, same: true });
    expect(changes).not.toHaveBeenCalled();
  });

  it("merges into a store another writer changed, keeping what MSAL never saw", () => {
    const baseline = { AccessToken: { a: at("one") } };
    const stored = { AccessToken: { a: at("one"), b: at("theirs") }, Foreign: { x: { y: 1 } } };
    const mine = { AccessToken: { a: at("two") } };
    const plan = planSave(stored, true, change(baseline, mine).msal, false);
    expect(plan.write).toBe(true);
    if (!plan.write) return;
    expect(plan.same).toBe(false);
    expect(JSON.parse(plan.data)).toEqual({
      AccessToken: { a: at("two"), b: at("theirs") },
      Foreign: { x: { y: 1 } },
    });
    expect(plan.stored).toEqual(JSON.parse(plan.data));
  });

  it("stores MSAL's text when the merge holds the same, empty sections aside", () => {
    const baseline = { Account: {}, AccessToken: { a: at("one") } };
    const stored = { AccessToken: { a: at("one") } };
    const mine = { Account: {}, AccessToken: { a: at("two") } };
    const { msal } = change(baseline, mine);
    const plan = planSave(stored, true, msal, false);
    expect(plan).toEqual({ write: true, data: msal.text, stored: mine, same: true });
  });

  it("writes nothing when the store already holds every change", () => {
    const baseline = { AccessToken: { a: at("one") } };
    const mine = { AccessToken: { a: at("two") } };
    const stored = { AccessToken: { a: at("two"), b: at("theirs") } };
    expect(planSave(stored, true, change(baseline, mine).msal, false)).toEqual({
      write: false,
      same: false,
    });
  });

  it("always writes when nothing is stored yet", () => {
    const empty = { AccessToken: {} };
    const plan = planSave({}, false, change(empty, empty).msal, false);
    expect(plan.write).toBe(true);
  });
});
