/**
 * Turns any {@link CachePersistence} into an MSAL cache plugin. MSAL's shapes are declared
 * structurally (no MSAL dependency here). Before access it reads the store only when the stored
 * version moved, yet hands MSAL the whole cache every time; after a change it merges MSAL's
 * changes into the latest stored cache under the lock and saves with compare-and-swap, retrying
 * when another writer won.
 */
import { type Clock, formatLogLine, InvalidArgumentError, systemClock } from "@entrakit/core";
import {
  applyCacheChanges,
  type CacheChanges,
  diffCache,
  jsonEqual,
} from "./cache-json/merge-cache";
import { type CacheJson, parseCacheJson } from "./cache-json/parse-cache-json";
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
  // MSAL's cache as of the stored version it last loaded or saved, in MSAL's own serialization.
  let baseline: CacheJson = {};
  // MSAL's whole cache at the last save that failed: its changes since `baseline` are saved later.
  let unsaved: CacheJson | undefined;
  let stale = false;
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

  async function saveMerged(
    changes: CacheChanges,
  ): Promise<{ version: string | undefined; merged: CacheJson }> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await locked(async () => {
        const latest = await persistence.load();
        const base = latest ? parse(latest.data, where) : {};
        const merged = applyCacheChanges(base, changes);
        if (latest && jsonEqual(merged, base)) return { version: latest.version, merged };
        const saved = await persistence.save(JSON.stringify(merged), latest?.version);
        return saved.conflict ? undefined : { version: saved.version, merged };
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

  return {
    beforeCacheAccess: (context) =>
      serial(async () => {
        const previous = baseline;
        // MSAL's acquireTokenSilent empties its in-memory cache before this hook, then restores
        // it from the text last passed to deserialize: MSAL must be handed its whole cache on
        // every access, not only when the store moved, or it forgets what it saved last time.
        let handed = false;
        const moved = await storeMoved();
        if (moved) {
          const { snapshot } = moved;
          if (snapshot !== undefined || knownVersion !== undefined) {
            const text = snapshot?.data ?? "{}";
            parse(text, where);
            context.tokenCache.deserialize(text);
            baseline = parse(context.tokenCache.serialize(), "MSAL");
            handed = true;
          } else {
            baseline = {};
          }
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
        // Changes a failed save left behind survive a reload: they are re-applied on top.
        if (unsaved) unsaved = applyCacheChanges(baseline, diffCache(previous, unsaved));
        if (unsaved || !handed) context.tokenCache.deserialize(JSON.stringify(unsaved ?? baseline));
      }),
    afterCacheAccess: (context) =>
      serial(async () => {
        if (!context.cacheHasChanged && !unsaved) return;
        const mine = parse(context.tokenCache.serialize(), "MSAL");
        const changes = diffCache(baseline, mine);
        if (changes.size === 0) {
          unsaved = undefined;
          return;
        }
        try {
          const { version, merged } = await saveMerged(changes);
          baseline = mine;
          unsaved = undefined;
          loaded = true;
          knownVersion = version;
          // The store now holds other writers' entries that MSAL has not seen: load them next time.
          stale = !jsonEqual(merged, mine);
          logger.verbose(
            formatLogLine(component, "afterCacheAccess", "saved the cache", { cache: where }),
          );
        } catch (error) {
          unsaved = mine;
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
