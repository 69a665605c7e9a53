/**
 * Turns any {@link CachePersistence} into an MSAL cache plugin. MSAL's shapes are declared
 * structurally (no MSAL dependency here). Before access it reads the store only when the stored
 * version moved, and hands MSAL its whole cache only when that text changed; after a change it
 * merges MSAL's changes into the latest stored cache under the lock and saves with
 * compare-and-swap, retrying when another writer won.
 */
import { type Clock, formatLogLine, InvalidArgumentError, systemClock } from "@entrakit/core";
import {
  applyCacheChanges,
  type CacheChanges,
  diffCache,
  mergeReproduces,
  sameCache,
} from "./cache-json/merge-cache";
import { type CacheJson, parseCacheJson } from "./cache-json/parse-cache-json";
import { type MsalChange, planSave } from "./cache-json/plan-save";
import type { CachePersistence, CacheSnapshot } from "./cache-persistence";
import { cachePersistenceError } from "./errors/cache-persistence-error";
import { logger } from "./logger";

/** MSAL's `ISerializableTokenCache`, structurally. */
export interface SerializableTokenCache {
  serialize(): string;
  deserialize(cache: string): void;
}

/** MSAL's `TokenCacheContext`, structurally. */
export interface CacheAccessContext {
  readonly cacheHasChanged: boolean;
  readonly tokenCache: SerializableTokenCache;
}

/** MSAL's `ICachePlugin`, structurally; pass it as `cache.cachePlugin`. */
export interface CachePlugin {
  beforeCacheAccess(context: CacheAccessContext): Promise<void>;
  afterCacheAccess(context: CacheAccessContext): Promise<void>;
}

/** Options of {@link createCachePlugin}. */
export interface CachePluginOptions {
  /**
   * How often to try a save that keeps losing the race to other writers (waits back off up to
   * 250 ms with jitter, so the default bounds the wait to about ten seconds).
   * @defaultValue `50`
   */
  maxSaveAttempts?: number;
  /**
   * What a failed save does: `"throw"` fails the MSAL call; `"log"` logs a warning and keeps the
   * changes in memory, to be saved with the next access. Either way nothing stored is lost.
   * @defaultValue `"throw"`
   */
  saveErrors?: "throw" | "log";
  /** The clock for retry back-off. Advanced: for tests. @defaultValue `systemClock` */
  clock?: Clock;
}

const component = "CachePlugin";

/**
 * Creates an MSAL cache plugin over a persistence backend.
 *
 * @param persistence - where the cache lives.
 * @param options - retry and error behaviour.
 * @throws InvalidArgumentError when `maxSaveAttempts` is not a positive integer.
 * @example
 * ```ts
 * const app = new PublicClientApplication({
 *   auth: { clientId },
 *   cache: { cachePlugin: createCachePlugin(await resolvePersistence({ enabled: true })) },
 * });
 * ```
 */
export function createCachePlugin(
  persistence: CachePersistence,
  options: CachePluginOptions = {},
): CachePlugin {
  const maxSaveAttempts = options.maxSaveAttempts ?? 50;
  if (!Number.isSafeInteger(maxSaveAttempts) || maxSaveAttempts < 1) {
    throw new InvalidArgumentError(
      "CachePlugin: maxSaveAttempts must be a positive integer. Pass a number such as 10.",
      "invalid_option",
    );
  }
  const clock = options.clock ?? systemClock;
  const where = persistence.description;
  const locked = <T>(fn: () => Promise<T>): Promise<T> =>
    persistence.withLock ? persistence.withLock(fn) : fn();

  let loaded = false;
  let knownVersion: string | undefined;
  // The store as of `knownVersion`, parsed; never mutated (merges copy).
  let stored: CacheJson = {};
  // MSAL's cache as of that same version, parsed and as MSAL serialized it.
  let baseline: CacheJson = {};
  let baselineText: string | undefined;
  // `stored` holds the same as `baseline`: storing MSAL's serialization is then the merge itself.
  let inSync = true;
  // MSAL's whole cache at the last save that failed: its changes since `baseline` are saved later.
  let unsaved: CacheJson | undefined;
  let stale = false;
  // The text MSAL must hold as the snapshot it restores its cache from, and the token caches that
  // already hold it: a new object whenever the text changes.
  let handOff = { text: "{}" };
  const handedTo = new WeakMap<SerializableTokenCache, { text: string }>();
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };

  const parse = (text: string, source: string): CacheJson => {
    const result = parseCacheJson(text);
    if (result.ok) return result.cache;
    throw cachePersistenceError(
      `${component}: the cache from ${source} is not a serialized MSAL cache (${result.reason}). Fix or delete it; it is not overwritten.`,
      "cache_unreadable",
    );
  };

  /** Saves `change` onto `base`, the store at `version`; `undefined` when another writer won. */
  async function saveOnto(
    base: CacheJson,
    version: string | undefined,
    exists: boolean,
    change: MsalChange,
  ): Promise<Saved | undefined> {
    const plan = planSave(base, exists, change, base === stored && inSync);
    // Entries MSAL has not seen are only in a store this plugin did not hand MSAL in full.
    const unseen = !plan.same && (base !== stored || stale);
    if (!plan.write) return { version, stored: base, stale: unseen };
    const saved = await persistence.save(plan.data, version);
    if (saved.conflict) return undefined;
    return { version: saved.version, stored: plan.stored, stale: unseen };
  }

  async function saveMerged(change: MsalChange): Promise<Saved> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await locked(async () => {
        // Usually no one wrote since this plugin last loaded or saved: merge into what it holds,
        // without reading and parsing the store again.
        if (loaded && persistence.version && (await persistence.version()) === knownVersion) {
          return saveOnto(stored, knownVersion, knownVersion !== undefined, change);
        }
        const latest = await persistence.load();
        const base = latest ? (latest.cache ?? parse(latest.data, where)) : {};
        return saveOnto(base, latest?.version, latest !== undefined, change);
      });
      if (outcome) return outcome;
      logger.verbose(
        formatLogLine(component, "afterCacheAccess", "another writer saved first; merging again", {
          cache: where,
          attempt,
        }),
      );
      if (attempt >= maxSaveAttempts) {
        throw cachePersistenceError(
          `${component}: the cache in ${where} kept changing while saving (${attempt} attempts). Retry the operation, or raise maxSaveAttempts.`,
          "cache_save_conflict",
        );
      }
      const ceiling = Math.min(250, 5 * 2 ** attempt);
      await clock.sleep(Math.round(ceiling / 2 + (Math.random() * ceiling) / 2));
    }
  }

  /** The stored cache when it is not the version MSAL last loaded or saved, else `false`. */
  async function storeMoved(): Promise<{ snapshot: CacheSnapshot | undefined } | false> {
    if (loaded && !stale && persistence.version) {
      if ((await persistence.version()) === knownVersion) return false;
    }
    const snapshot = await persistence.load();
    if (loaded && !stale && snapshot?.version === knownVersion) return false;
    return { snapshot };
  }

  /** Hands MSAL the stored cache (none: an empty one) and makes it the new baseline. */
  function reload(snapshot: CacheSnapshot | undefined, tokenCache: SerializableTokenCache): void {
    const text = snapshot?.data ?? "{}";
    const cache = snapshot ? (snapshot.cache ?? parse(text, where)) : {};
    tokenCache.deserialize(text);
    handOff = { text };
    handedTo.set(tokenCache, handOff);
    baselineText = tokenCache.serialize();
    stored = cache;
    // MSAL serializes a cache it wrote itself back byte for byte: nothing to parse or compare.
    // Otherwise the first save finds out whether the two hold the same.
    inSync = baselineText === text;
    baseline = inSync ? cache : parse(baselineText, "MSAL");
    if (snapshot === undefined) inSync = sameCache(stored, baseline);
    logger.verbose(
      formatLogLine(component, "beforeCacheAccess", "reloaded the cache", {
        cache: where,
        stored: snapshot !== undefined,
      }),
    );
    knownVersion = snapshot?.version;
    loaded = true;
    stale = false;
  }

  return {
    beforeCacheAccess: (context) =>
      serial(async () => {
        const previous = baseline;
        const moved = await storeMoved();
        if (moved) reload(moved.snapshot, context.tokenCache);
        // Changes a failed save left behind survive a reload: they are re-applied on top.
        if (unsaved && moved) {
          unsaved = applyCacheChanges(baseline, diffCache(previous, unsaved));
          handOff = { text: JSON.stringify(unsaved) };
        }
        // MSAL's acquireTokenSilent empties its in-memory cache before this hook, then restores
        // it from the text last passed to deserialize: that text must be MSAL's whole current
        // cache. It is handed again only when it changed (after a save or a reload), so a read
        // that finds the store unchanged costs the version check and nothing else.
        if (handedTo.get(context.tokenCache) !== handOff) {
          context.tokenCache.deserialize(handOff.text);
          handedTo.set(context.tokenCache, handOff);
        }
      }),
    afterCacheAccess: (context) =>
      serial(async () => {
        if (!context.cacheHasChanged && !unsaved) return;
        const text = context.tokenCache.serialize();
        const nothingToSave = () => {
          // MSAL may hold the unsaved changes as its snapshot still: hand it what it holds now.
          if (unsaved) handOff = { text };
          unsaved = undefined;
        };
        if (text === baselineText) return nothingToSave();
        const cache = parse(text, "MSAL");
        let changes: CacheChanges | undefined;
        const change: MsalChange = {
          cache,
          text,
          changes: () => {
            changes ??= diffCache(baseline, cache);
            return changes;
          },
        };
        // When MSAL's text can be stored as it is, its changes are never needed: a text that
        // differs from the baseline's is taken as a change.
        const direct = inSync && mergeReproduces(stored, cache);
        if (!direct && change.changes().size === 0) return nothingToSave();
        try {
          const saved = await saveMerged(change);
          baseline = cache;
          baselineText = text;
          unsaved = undefined;
          loaded = true;
          knownVersion = saved.version;
          stored = saved.stored;
          inSync = stored === cache;
          // The store now holds other writers' entries that MSAL has not seen: load them next time.
          stale = saved.stale;
          // MSAL still holds the snapshot from before its change: the next access hands it this.
          handOff = { text };
          logger.verbose(
            formatLogLine(component, "afterCacheAccess", "saved the cache", { cache: where }),
          );
        } catch (error) {
          unsaved = cache;
          handOff = { text };
          if (options.saveErrors !== "log") throw error;
          logger.warning(
            formatLogLine(
              component,
              "afterCacheAccess",
              "could not save the cache; keeping the changes in memory to save on the next access",
              {
                cache: where,
                code: (error as { code?: string }).code,
              },
            ),
          );
        }
      }),
  };
}

/** The outcome of a save: the store's version, what it holds, and whether MSAL has seen it all. */
interface Saved {
  readonly version: string | undefined;
  readonly stored: CacheJson;
  readonly stale: boolean;
}
