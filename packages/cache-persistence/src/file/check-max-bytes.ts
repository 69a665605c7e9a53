import { InvalidArgumentError } from "@entrakit/core";
import { defaultMaxCacheBytes } from "./file-persistence-options";

/**
 * Applies the default and checks `maxCacheBytes`.
 *
 * @throws InvalidArgumentError when it is not a positive integer.
 */
export function checkMaxCacheBytes(value: number | undefined): number {
  if (value === undefined) return defaultMaxCacheBytes;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new InvalidArgumentError(
      "CachePersistence: maxCacheBytes must be a positive integer. Pass a byte count such as 33554432.",
      "invalid_option",
    );
  }
  return value;
}
