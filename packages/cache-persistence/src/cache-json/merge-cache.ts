/**
 * Three-way merge of MSAL caches, key by key per section: what MSAL changed since it last loaded
 * (the baseline) is applied to the latest stored cache; everything else in the store, including
 * entries and sections this package does not understand, stays byte-for-byte as it was.
 */
import { type CacheJson, isPlainObject } from "./parse-cache-json";

/** Marks an entry MSAL removed. */
const removed: unique symbol = Symbol("removed");

/** Section → entry key → new entry, or removal. */
export type CacheChanges = Map<string, Map<string, unknown>>;

/**
 * What changed from `before` to `after`: added and modified entries, and removed ones. A section
 * missing from `after` altogether is not treated as removed (MSAL only drops sections it does not
 * know, which it never changes); a section new in `after` is a change even while empty.
 */
export function diffCache(before: CacheJson, after: CacheJson): CacheChanges {
  const changes: CacheChanges = new Map();
  for (const section of Object.keys(after)) {
    const next = after[section];
    if (!isPlainObject(next)) continue;
    const existed = isPlainObject(before[section]);
    const prev = existed ? (before[section] as Record<string, unknown>) : {};
    const sectionChanges = new Map<string, unknown>();
    for (const key of Object.keys(next)) {
      if (!Object.hasOwn(prev, key) || !jsonEqual(prev[key], next[key])) {
        sectionChanges.set(key, next[key]);
      }
    }
    for (const key of Object.keys(prev)) {
      if (!Object.hasOwn(next, key)) sectionChanges.set(key, removed);
    }
    if (sectionChanges.size > 0 || !existed) changes.set(section, sectionChanges);
  }
  return changes;
}

/** Applies `changes` to a copy of `base`; sections without changes keep their objects. */
export function applyCacheChanges(base: CacheJson, changes: CacheChanges): CacheJson {
  const result: CacheJson = {};
  for (const section of Object.keys(base)) setOwn(result, section, base[section]);
  for (const [section, sectionChanges] of changes) {
    const current = isPlainObject(result[section])
      ? (result[section] as Record<string, unknown>)
      : {};
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(current)) setOwn(copy, key, current[key]);
    for (const [key, value] of sectionChanges) {
      if (value === removed) delete copy[key];
      else setOwn(copy, key, value);
    }
    setOwn(result, section, copy);
  }
  return result;
}

/**
 * Whether applying `changes` to `base` would change it, looking only at the changed entries:
 * the same answer as `!jsonEqual(applyCacheChanges(base, changes), base)`, without copying.
 */
export function changesAlter(base: CacheJson, changes: CacheChanges): boolean {
  for (const [section, sectionChanges] of changes) {
    const current = base[section];
    // applyCacheChanges creates (or replaces) a section that is not an object of entries.
    if (!isPlainObject(current)) return true;
    for (const [key, value] of sectionChanges) {
      const present = Object.hasOwn(current, key);
      if (value === removed ? present : !present || !jsonEqual(current[key], value)) return true;
    }
  }
  return false;
}

/**
 * Whether merging `after`'s changes into a cache equal to `before` yields a cache the same as
 * `after` (see {@link sameCache}), so that `after`'s own serialization can be stored instead of a
 * merged copy. Only the top level decides: the merge takes every object section of `after` whole
 * and keeps the other sections of `before`.
 */
export function mergeReproduces(before: CacheJson, after: CacheJson): boolean {
  for (const section of Object.keys(before)) {
    const next = after[section];
    if (isPlainObject(next)) continue;
    const kept = before[section];
    if (Object.hasOwn(after, section) ? !jsonEqual(kept, next) : !isEmptySection(kept)) {
      return false;
    }
  }
  for (const section of Object.keys(after)) {
    if (!Object.hasOwn(before, section) && !isPlainObject(after[section])) return false;
  }
  return true;
}

/**
 * Whether two caches hold the same: structurally equal, where an empty section counts as no
 * section (MSAL writes all of its sections, other tools only those they use).
 */
export function sameCache(a: CacheJson, b: CacheJson): boolean {
  const sections = Object.keys(a).filter((section) => !isEmptySection(a[section]));
  let count = 0;
  for (const section of Object.keys(b)) if (!isEmptySection(b[section])) count++;
  if (sections.length !== count) return false;
  for (const section of sections) {
    if (!Object.hasOwn(b, section) || !jsonEqual(a[section], b[section])) return false;
  }
  return true;
}

function isEmptySection(value: unknown): boolean {
  return isPlainObject(value) && Object.keys(value).length === 0;
}

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && jsonEqual(left[key], right[key]));
}

// JSON.parse creates an own "__proto__" key; plain assignment would set the prototype instead.
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
