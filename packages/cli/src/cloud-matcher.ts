import { aliasesOfHost } from "@entrakit/core";

/**
 * A test for cached `environment` values of the cloud of `authorityHost`: any alias of its host
 * name (`login.windows.net` for `login.microsoftonline.com`), with or without a port, as
 * SharedTokenCacheCredential matches them.
 *
 * @param authorityHost - an https origin.
 * @example
 * ```ts
 * cloudMatcher("https://127.0.0.1")("127.0.0.1:8443"); // true
 * ```
 */
export function cloudMatcher(authorityHost: string): (environment: unknown) => boolean {
  const hostnames = new Set(aliasesOfHost(new URL(authorityHost).hostname));
  return (environment) => typeof environment === "string" && hostnames.has(hostnameOf(environment));
}

function hostnameOf(environment: string): string {
  const lower = environment.trim().toLowerCase();
  // "[::1]:8443" keeps its brackets; "host:8443" loses the port.
  return /^(\[[^\]]*\]|[^:]*)(?::\d+)?$/.exec(lower)?.[1] ?? lower;
}
