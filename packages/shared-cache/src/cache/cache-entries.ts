/**
 * Entries of a serialized MSAL cache as sections of keyed objects, and the two operations
 * write-back needs: what one MSAL call changed, and laying those changes over a stored cache
 * without removing anything (other applications' entries are never ours to delete).
 */

/** Sections (`AccessToken`, `RefreshToken`, …) of keyed cache entries. */
export type CacheEntries = Record<string, Record<string, unknown>>;

/** The sections MSAL writes after a token response. */
export const writtenSections = [
  "Account",
  "IdToken",
  "AccessToken",
  "RefreshToken",
  "AppMetadata",
] as const;

/** The entries of `after` that are new or different from `before` (removals are ignored). */
export function changedEntries(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): CacheEntries {
  const changes: CacheEntries = {};
  for (const section of writtenSections) {
    const next = sectionOf(after[section]);
    const previous = sectionOf(before[section]);
    for (const key of Object.keys(next)) {
      const value = next[key];
      if (!Object.hasOwn(previous, key) || !sameJson(previous[key], value)) {
        changes[section] ??= {};
        setEntry(changes[section], key, value);
      }
    }
  }
  return changes;
}

/** True when `entries` holds no entry at all. */
export function isEmptyEntries(entries: CacheEntries): boolean {
  return Object.values(entries).every((section) => Object.keys(section).length === 0);
}

/**
 * Lays `entries` over `cache` (which is modified): new keys are added, existing keys replaced,
 * nothing is removed, and sections this package does not know stay as they were. An account or
 * app entry that is replaced keeps the fields other tools added to it; a token entry is
 * replaced whole, since a field of the old token (such as `refresh_on`) would be wrong for
 * the new one.
 *
 * @returns whether anything changed.
 */
export function applyEntries(cache: Record<string, unknown>, entries: CacheEntries): boolean {
  let changed = false;
  for (const section of Object.keys(entries)) {
    const incoming = entries[section] ?? {};
    const keys = Object.keys(incoming);
    if (keys.length === 0) continue;
    const existing = cache[section];
    const target =
      typeof existing === "object" && existing !== null && !Array.isArray(existing)
        ? (existing as Record<string, unknown>)
        : {};
    if (target !== existing) cache[section] = target;
    for (const key of keys) {
      const current = Object.hasOwn(target, key) ? target[key] : undefined;
      const next = mergedSections.has(section)
        ? withFieldsOf(current, incoming[key])
        : incoming[key];
      if (current !== undefined && sameJson(current, next)) continue;
      setEntry(target, key, next);
      changed = true;
    }
  }
  return changed;
}

/** Splits access tokens from the other sections (they may go to a different store). */
export function splitAccessTokens(entries: CacheEntries): {
  accessTokens: CacheEntries;
  others: CacheEntries;
} {
  const { AccessToken, ...others } = entries;
  return { accessTokens: AccessToken ? { AccessToken } : {}, others };
}

// Sections whose entries describe an account or app rather than carry a token.
const mergedSections = new Set(["Account", "AppMetadata"]);

function withFieldsOf(current: unknown, incoming: unknown): unknown {
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === "object" && value !== null && !Array.isArray(value);
  if (!isObject(current) || !isObject(incoming)) return incoming;
  const merged: Record<string, unknown> = {};
  for (const source of [current, incoming]) {
    for (const field of Object.keys(source)) setEntry(merged, field, source[field]);
  }
  return merged;
}

// A defined property, not an assignment: a key such as "__proto__" from a foreign cache must
// stay data and never reach the object's prototype.
function setEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function sectionOf(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
