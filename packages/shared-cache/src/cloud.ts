import { aliasesOfHost } from "@entrakit/core";

/**
 * The cloud an authority host belongs to, for deciding which cached entries count. MSAL
 * implementations write the `environment` they were given (any alias of the cloud; with or
 * without a port for private authorities), so entries match on the host name alone.
 */
export interface Cloud {
  /** The authority host, e.g. `login.microsoftonline.com` (with its port, if any). */
  readonly host: string;
  /** True when a cached `environment` belongs to this cloud. */
  matches(environment: unknown): boolean;
}

/**
 * The cloud of `authorityHost` (an https origin).
 *
 * @example
 * ```ts
 * cloudOf("https://login.microsoftonline.com").matches("login.windows.net"); // true
 * ```
 */
export function cloudOf(authorityHost: string): Cloud {
  let cloud = clouds.get(authorityHost);
  if (cloud === undefined) {
    cloud = newCloud(authorityHost);
    if (clouds.size >= maxClouds) clouds.clear();
    clouds.set(authorityHost, cloud);
  }
  return cloud;
}

// Every credential works out its cloud at construction and a process uses a handful of hosts:
// a cloud holds nothing per credential (its memo maps environments to a fixed answer), so one
// per host saves each new credential a URL parse and the environment matching a cold call repeats.
const clouds = new Map<string, Cloud>();
const maxClouds = 16;

function newCloud(authorityHost: string): Cloud {
  const url = new URL(authorityHost);
  const hostnames = new Set(aliasesOfHost(url.hostname));
  // A cache holds a handful of distinct environments, each on thousands of entries.
  const known = new Map<string, boolean>();
  return {
    host: url.host,
    matches: (environment) => {
      if (typeof environment !== "string") return false;
      let matches = known.get(environment);
      if (matches === undefined) {
        matches = hostnames.has(hostnameOf(environment));
        if (known.size < 64) known.set(environment, matches);
      }
      return matches;
    },
  };
}

/** The host name of a cached `environment`: lower case, without a port. */
export function hostnameOf(environment: string): string {
  const lower = environment.trim().toLowerCase();
  // "[::1]:8443" keeps its brackets; "host:8443" loses the port.
  const match = /^(\[[^\]]*\]|[^:]*)(?::\d+)?$/.exec(lower);
  return match?.[1] ?? lower;
}
