/**
 * A token cache in Redis / Valkey, one hash per cache partition (`data`, `version`). Saves are
 * compare-and-swap in a Lua script on a random version, so two app instances writing at once
 * never overwrite each other; the cache plugin merges and retries. Every command has a timeout.
 */
import { randomUUID } from "node:crypto";
import {
  type CachePersistence,
  type CachePersistenceErrorCode,
  cachePersistenceError,
  checkCacheName,
  parseCacheJson,
  type SaveResult,
  toSafeCause,
} from "@entrakit/cache-persistence";
import {
  type Clock,
  type CredentialUnavailableError,
  createRedactor,
  formatLogLine,
  InvalidArgumentError,
  systemClock,
} from "@entrakit/core";
import { logger } from "./logger";
import { type RedisCacheKeyOptions, redisCacheKey } from "./redis-cache-key";
import { type RedisClientLike, replyText, toCommandRunner } from "./redis-client";
import { saveScript, setAsideScript } from "./redis-scripts";

/** Options of {@link createRedisPersistence}. */
export interface RedisPersistenceOptions extends RedisCacheKeyOptions {
  /** A connected node-redis or ioredis client, or a command function. */
  client: RedisClientLike;
  /**
   * Expiry of the key, renewed on each save; `0` keeps it forever. The default matches the
   * longest a refresh token lives without use.
   * @defaultValue `7_776_000` (90 days)
   */
  ttlSeconds?: number;
  /**
   * A command that gets no answer within this time fails with `cache_unavailable`.
   * @defaultValue `5_000`
   */
  commandTimeoutMs?: number;
  /** A larger cache is refused with `cache_too_large`. @defaultValue `33_554_432` */
  maxCacheBytes?: number;
  /** The clock for the set-aside timestamp. Advanced: for tests. @defaultValue `systemClock` */
  clock?: Clock;
}

const component = "RedisPersistence";

/**
 * Keeps a token cache in Redis or Valkey through an injected client. Give each signed-in user a
 * `partition` (their home account id) so instances share a user's tokens without reading
 * everyone's.
 *
 * @throws TypeError for an unknown client; InvalidArgumentError for other bad options. Calls
 * throw `CredentialUnavailableError` with `cache_unavailable` when Redis does not answer.
 * @example
 * ```ts
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * const persistence = createRedisPersistence({ client: redis, partition: account.homeAccountId });
 * const cachePlugin = createCachePlugin(persistence);
 * ```
 */
export function createRedisPersistence(options: RedisPersistenceOptions): CachePersistence {
  const send = toCommandRunner(options?.client);
  checkCacheName(options.name);
  const key = redisCacheKey(options);
  const ttlSeconds = checkCount(options.ttlSeconds ?? 7_776_000, "ttlSeconds", true);
  const timeoutMs = checkCount(options.commandTimeoutMs ?? 5_000, "commandTimeoutMs", false);
  const maxCacheBytes = checkCount(
    options.maxCacheBytes ?? 32 * 1024 * 1024,
    "maxCacheBytes",
    false,
  );
  const clock = options.clock ?? systemClock;
  // The partition is an account identifier: it stays out of descriptions, errors and logs.
  const shownKey =
    redisCacheKey({ ...options, partition: undefined }) +
    (options.partition === undefined ? "" : ":<partition>");
  const description = `redis ${shownKey}`;

  const run = async (
    operation: string,
    args: string[],
    abortSignal?: AbortSignal,
  ): Promise<unknown> => {
    abortSignal?.throwIfAborted();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = abortSignal ? eitherSignal(abortSignal, timeout) : timeout;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      return await Promise.race([send(args, { signal }), aborted]);
    } catch (error) {
      if (abortSignal?.aborted) throw abortSignal.reason;
      // A client or server may echo arguments in its error; scrub every value we sent.
      const scrub = createRedactor([
        options.partition,
        key,
        ...args.filter((arg) => arg.startsWith("{")).flatMap(secretCandidates),
      ]);
      throw unavailable(
        operation,
        timeout.aborted ? `no answer within ${timeoutMs} ms` : undefined,
        error,
        scrub,
      );
    } finally {
      if (onAbort) signal.removeEventListener("abort", onAbort);
    }
  };

  const setAside = async (version: string, reason: string, abortSignal?: AbortSignal) => {
    const field = `corrupt-${new Date(clock.now()).toISOString().replace(/[-:]/g, "").replace(".", "")}`;
    const moved = await run(
      "load",
      ["EVAL", setAsideScript, "1", key, version, field],
      abortSignal,
    );
    if (Number(moved) === 1) {
      logger.warning(
        formatLogLine(
          component,
          "load",
          "the cache could not be parsed; moved it aside and continued with an empty cache",
          {
            reason,
            key: shownKey,
            movedTo: field,
          },
        ),
      );
    }
  };

  return {
    description,
    encrypted: false,
    async load(callOptions) {
      const reply = await run("load", ["HMGET", key, "data", "version"], callOptions?.abortSignal);
      const [rawData, rawVersion] = Array.isArray(reply) ? reply : [];
      const data = replyText(rawData);
      if (data === undefined) return undefined;
      const version = replyText(rawVersion) ?? "";
      if (Buffer.byteLength(data) > maxCacheBytes) {
        throw cachePersistenceError(
          `${component}: the cache at ${shownKey} is larger than maxCacheBytes (${maxCacheBytes}). Delete the key or raise maxCacheBytes.`,
          "cache_too_large",
        );
      }
      const parsed = parseCacheJson(data);
      if (parsed.ok) return { data, version };
      await setAside(version, parsed.reason, callOptions?.abortSignal);
      return undefined;
    },
    async save(data, expectedVersion, callOptions): Promise<SaveResult> {
      const version = randomUUID();
      const reply = await run(
        "save",
        ["EVAL", saveScript, "1", key, expectedVersion ?? "", data, version, String(ttlSeconds)],
        callOptions?.abortSignal,
      );
      if (Number(reply) === 1) return { version };
      logger.verbose(
        formatLogLine(component, "save", "another writer saved first", { key: shownKey }),
      );
      return { conflict: true };
    },
    async delete(callOptions) {
      await run("delete", ["DEL", key], callOptions?.abortSignal);
    },
    async version(callOptions) {
      const reply = await run("version", ["HGET", key, "version"], callOptions?.abortSignal);
      if (reply === null || reply === undefined) {
        // A cache without a version field (written by another tool) must still be loaded.
        return (await run("version", ["HEXISTS", key, "data"], callOptions?.abortSignal)) === 1
          ? ""
          : undefined;
      }
      return replyText(reply);
    },
  };
}

function unavailable(
  operation: string,
  reason: string | undefined,
  error: unknown,
  scrub: (text: string) => string,
): CredentialUnavailableError<CachePersistenceErrorCode> {
  const detail = reason ?? toSafeCause(error, scrub)?.message.slice(0, 200) ?? "unknown error";
  if (/WRONGTYPE/.test(detail)) {
    return cachePersistenceError(
      `${component}: the key holds another kind of value, not a token cache (${detail}). Delete the key or choose another keyPrefix.`,
      "cache_unreadable",
      error,
      scrub,
    );
  }
  const safety =
    operation === "save"
      ? "A save is applied whole or not at all, so the stored cache is intact"
      : "The stored cache is unchanged";
  return cachePersistenceError(
    `${component}: ${operation} failed (${detail}). Check that Redis is reachable; ${safety.charAt(0).toLowerCase()}${safety.slice(1)}.`,
    "cache_unavailable",
    error,
    scrub,
  );
}

/** A serialized cache and every string in it: the values an error might echo. */
function secretCandidates(data: string): string[] {
  const values = [data];
  try {
    JSON.parse(data, (_key, value) => {
      if (typeof value === "string") values.push(value);
      return value;
    });
  } catch {
    // Not JSON: the whole argument is already listed.
  }
  return values;
}

function eitherSignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === "function") return AbortSignal.any([a, b]);
  // Node before 20.3 has no AbortSignal.any.
  const controller = new AbortController();
  for (const signal of [a, b]) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}

function checkCount(value: number, option: string, zeroAllowed: boolean): number {
  if (!Number.isSafeInteger(value) || value < (zeroAllowed ? 0 : 1)) {
    throw new InvalidArgumentError(
      `RedisPersistence: ${option} must be an integer ${zeroAllowed ? ">= 0" : "> 0"}. Pass a number such as 5000.`,
      "invalid_option",
    );
  }
  return value;
}
