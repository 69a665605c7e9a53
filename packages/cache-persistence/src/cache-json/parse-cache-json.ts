/**
 * Reads a serialized MSAL cache without trusting it. Only the outer shape is checked (sections
 * are objects of objects); fields inside entries belong to whichever MSAL wrote them.
 */

/** A cache in MSAL's unified JSON schema: sections of entries, keyed by MSAL's cache keys. */
export type CacheJson = Record<string, unknown>;

/** The sections MSAL implementations share. Other top-level sections are kept untouched. */
export const knownCacheSections: readonly string[] = Object.freeze([
  "Account",
  "IdToken",
  "AccessToken",
  "RefreshToken",
  "AppMetadata",
]);

/** The result of {@link parseCacheJson}. `reason` never quotes the data. */
export type CacheParseResult =
  | { readonly ok: true; readonly cache: CacheJson }
  | { readonly ok: false; readonly reason: string };

/**
 * Parses a serialized MSAL cache. Blank text (what MSAL writes for a new cache file) is an empty
 * cache; a byte-order mark is ignored.
 *
 * @param text - the stored cache.
 * @returns the cache, or why it cannot be used (without quoting any of it).
 * @example
 * ```ts
 * const result = parseCacheJson(await readFile(path, "utf8"));
 * if (result.ok) console.log(Object.keys(result.cache.Account ?? {}).length, "accounts");
 * ```
 */
export function parseCacheJson(text: string): CacheParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") return { ok: true, cache: {} };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, reason: "not valid JSON" };
  }
  if (!isPlainObject(value)) return { ok: false, reason: "the top-level value is not an object" };
  for (const section of knownCacheSections) {
    if (!Object.hasOwn(value, section)) continue;
    const entries = value[section];
    if (!isPlainObject(entries))
      return { ok: false, reason: `section ${section} is not an object` };
    for (const key of Object.keys(entries)) {
      if (!isPlainObject(entries[key])) {
        return { ok: false, reason: `an entry of section ${section} is not an object` };
      }
    }
  }
  return { ok: true, cache: value };
}

/** True for `{...}` values (not arrays, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
