/**
 * One section of a parsed cache (`Account`, `AccessToken`, …) by home account id, read lazily:
 * the entries of one account by a scan when only a few accounts are asked about (a credential
 * asks about one), every account's at once when many are.
 */

/** An entry of a cache section: an object of fields. */
export type CacheEntry = Readonly<Record<string, unknown>>;

// More accounts than this asked about: one grouping pass beats a scan per account.
const scansBeforeGrouping = 8;

/** True when `test` holds for an entry (an object) of `section`; stops at the first. */
export function someEntry(
  section: unknown,
  test: (key: string, entry: CacheEntry) => boolean,
): boolean {
  if (typeof section !== "object" || section === null || Array.isArray(section)) return false;
  const entries = section as CacheEntry;
  for (const key of Object.keys(entries)) {
    const entry = entries[key];
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) continue;
    if (test(key, entry as CacheEntry)) return true;
  }
  return false;
}

/** Calls `visit` for each entry of `section` that is an object; anything else is skipped. */
export function forEachEntry(
  section: unknown,
  visit: (key: string, entry: CacheEntry) => void,
): void {
  someEntry(section, (key, entry) => {
    visit(key, entry);
    return false;
  });
}

/** A section's readable entries by home account id. */
export class SectionByHome<T extends { readonly homeAccountId: string }> {
  readonly #section: unknown;
  readonly #read: (key: string, entry: CacheEntry) => T | undefined;
  readonly #scanned = new Map<string, readonly T[]>();
  #all: Map<string, T[]> | undefined;

  /**
   * @param section - the raw section; it must not change afterwards.
   * @param read - reads one entry, `undefined` when it is not usable (its home must be the
   * entry's `home_account_id`).
   */
  constructor(section: unknown, read: (key: string, entry: CacheEntry) => T | undefined) {
    this.#section = section;
    this.#read = read;
  }

  /** Every account's entries, in the section's order. */
  get all(): ReadonlyMap<string, readonly T[]> {
    if (this.#all) return this.#all;
    const all = new Map<string, T[]>();
    forEachEntry(this.#section, (key, entry) => {
      const item = this.#read(key, entry);
      if (item === undefined) return;
      const list = all.get(item.homeAccountId);
      if (list) list.push(item);
      else all.set(item.homeAccountId, [item]);
    });
    this.#all = all;
    return all;
  }

  /** One account's entries, in the section's order. */
  of(homeAccountId: string): readonly T[] {
    if (this.#all || this.#scanned.size >= scansBeforeGrouping) {
      return this.all.get(homeAccountId) ?? [];
    }
    const known = this.#scanned.get(homeAccountId);
    if (known) return known;
    const items: T[] = [];
    forEachEntry(this.#section, (key, entry) => {
      if (entry.home_account_id !== homeAccountId) return;
      const item = this.#read(key, entry);
      if (item !== undefined) items.push(item);
    });
    this.#scanned.set(homeAccountId, items);
    return items;
  }
}
