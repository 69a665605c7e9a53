import { describe, expect, it } from "vitest";
import type { CacheIndex } from "../../src/cache/cache-index";
import type { CacheStore, StoreSnapshot } from "../../src/stores/cache-store";
import { sameSnapshots } from "../../src/stores/same-snapshots";

const store = (description: string) => ({ description }) as CacheStore;
const index = {} as CacheIndex;

/** A snapshot whose version throws when read: proves it was never asked for. */
function unreadable(on: CacheStore): StoreSnapshot {
  return {
    store: on,
    index,
    get version(): string {
      throw new Error("version read");
    },
  };
}

describe("sameSnapshots", () => {
  it("takes the same snapshot objects as unchanged without reading their versions", () => {
    const a = unreadable(store("file a"));
    const b = unreadable(store("file b"));
    expect(sameSnapshots([a, b], [a, b])).toBe(true);
  });

  it("compares store and version for snapshots that are different objects", () => {
    const file = store("file");
    const one = { store: file, version: "1", index };
    expect(sameSnapshots([one], [{ store: file, version: "1", index }])).toBe(true);
    expect(sameSnapshots([one], [{ store: file, version: "2", index }])).toBe(false);
    expect(sameSnapshots([one], [{ store: store("other"), version: "1", index }])).toBe(false);
  });

  it("sees a store appear or disappear", () => {
    const one = { store: store("file"), version: "1", index };
    expect(sameSnapshots([one], [])).toBe(false);
    expect(sameSnapshots([], [one])).toBe(false);
    expect(sameSnapshots([], [])).toBe(true);
  });
});
