// The User-Agent every request carries, so the authority's logs (and a support case) can tell
// which client and version sent it.
import { InvalidArgumentError } from "@entrakit/core";
import { component } from "./logger.js";

// Replaced with package.json's version by the build (tsup `define`) and by the test config.
declare const __ENTRAKIT_TRANSPORT_VERSION__: string;

/** This package's version, from its package.json at build time. */
export const transportVersion: string = __ENTRAKIT_TRANSPORT_VERSION__;

/**
 * `[prefix ]entrakit-transport/<version> Node/<version> (<platform>; <arch>)`.
 *
 * @throws InvalidArgumentError when `prefix` holds control characters (a header injection).
 */
export function userAgent(prefix?: string): string {
  const own = `entrakit-transport/${transportVersion} Node/${process.versions.node} (${process.platform}; ${process.arch})`;
  if (prefix === undefined || prefix.trim() === "") return own;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is rejected
  if (/[\u0000-\u001f\u007f]/.test(prefix)) {
    throw new InvalidArgumentError(
      `${component}: the userAgentPrefix option holds control characters. Pass printable text only.`,
      "invalid_option",
    );
  }
  return `${prefix.trim()} ${own}`;
}
