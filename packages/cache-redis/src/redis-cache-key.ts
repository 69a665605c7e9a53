import { InvalidArgumentError } from "@entrakit/core";

/** The parts a Redis key is made of. */
export interface RedisCacheKeyOptions {
  /** The cache name. @defaultValue `"msal.cache"` */
  name?: string;
  /** The partition, e.g. the signed-in user's home account id. */
  partition?: string;
  /** Prefix of every key. @defaultValue `"entrakit:token-cache:"` */
  keyPrefix?: string;
}

/** The default key prefix. */
export const defaultRedisKeyPrefix = "entrakit:token-cache:";

/**
 * The key of one cache partition: `<prefix><name>[:<partition>]`, name and partition
 * URI-encoded so that neither can imitate the other (or a Redis Cluster hash tag).
 *
 * @throws InvalidArgumentError when `partition` is empty or longer than 1024 characters.
 * @example
 * ```ts
 * redisCacheKey({ partition: "uid.utid" }); // "entrakit:token-cache:msal.cache:uid.utid"
 * ```
 */
export function redisCacheKey(options: RedisCacheKeyOptions = {}): string {
  const prefix = options.keyPrefix ?? defaultRedisKeyPrefix;
  if (typeof prefix !== "string") {
    throw new InvalidArgumentError(
      'RedisPersistence: keyPrefix must be a string. Pass a prefix such as "myapp:tokens:".',
      "invalid_option",
    );
  }
  const name = encodeURIComponent(options.name ?? "msal.cache");
  if (options.partition === undefined) return `${prefix}${name}`;
  if (
    typeof options.partition !== "string" ||
    options.partition.length === 0 ||
    options.partition.length > 1024
  ) {
    throw new InvalidArgumentError(
      "RedisPersistence: partition must be a non-empty string of at most 1024 characters. Pass the account's home account id.",
      "invalid_option",
    );
  }
  return `${prefix}${name}:${encodeURIComponent(options.partition)}`;
}
