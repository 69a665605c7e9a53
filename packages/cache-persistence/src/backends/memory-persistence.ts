import { randomUUID } from "node:crypto";
import { InvalidArgumentError } from "@entrakit/core";
import { parseCacheJson } from "../cache-json/parse-cache-json";
import type { CachePersistence } from "../cache-persistence";

/** Options of {@link createMemoryPersistence}. */
export interface MemoryPersistenceOptions {
  /** A serialized MSAL cache to start with. */
  initialData?: string;
}

/**
 * A cache kept in this process only: for tests and short-lived processes. Instances share
 * nothing; share one instance to share its cache.
 *
 * @throws InvalidArgumentError when `initialData` is not a cache.
 * @example
 * ```ts
 * const plugin = createCachePlugin(createMemoryPersistence());
 * ```
 */
export function createMemoryPersistence(options: MemoryPersistenceOptions = {}): CachePersistence {
  const prefix = randomUUID();
  let counter = 0;
  let stored: { data: string; version: string } | undefined;
  if (options.initialData !== undefined) {
    if (typeof options.initialData !== "string" || !parseCacheJson(options.initialData).ok) {
      throw new InvalidArgumentError(
        "MemoryPersistence: initialData is not a serialized MSAL cache. Pass JSON text such as '{}'.",
        "invalid_option",
      );
    }
    stored = { data: options.initialData, version: `${prefix}:${counter++}` };
  }
  return {
    description: "memory",
    encrypted: false,
    async load() {
      return stored;
    },
    async save(data, expectedVersion) {
      if (stored?.version !== expectedVersion) return { conflict: true };
      stored = { data, version: `${prefix}:${counter++}` };
      return { version: stored.version };
    },
    async delete() {
      stored = undefined;
    },
    async version() {
      return stored?.version;
    },
  };
}
