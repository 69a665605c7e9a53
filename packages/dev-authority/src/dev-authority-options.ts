// Options for startDevAuthority, and their validation.
import type { AppRegistration } from "./app-registration.js";
import type { TenantRegistration } from "./tenant-registration.js";
import { type TokenLifetimes, validateLifetimes } from "./token-lifetimes.js";
import type { UserRegistration } from "./user-registration.js";

/** The time source the authority reads; inject one to test expiry without waiting. */
export interface DevAuthorityClock {
  /** Milliseconds since the epoch, like `Date.now()`. */
  now(): number;
}

/** Options for {@link startDevAuthority}. */
export interface DevAuthorityOptions {
  /**
   * TCP port on 127.0.0.1; `0` picks a free one.
   * @defaultValue `0`
   */
  port?: number;
  /**
   * Register the default apps and users ({@link defaultApps}, {@link defaultUsers}). The default
   * tenants are always registered.
   * @defaultValue `true`
   */
  includeDefaults?: boolean;
  /** More tenants, registered before users. */
  tenants?: readonly TenantRegistration[];
  /** More apps (an app with a default app's client id replaces it). */
  apps?: readonly AppRegistration[];
  /** More users (a user with a default user's name replaces it). */
  users?: readonly UserRegistration[];
  /** Global token lifetimes, over {@link defaultTokenLifetimes}. */
  lifetimes?: TokenLifetimes;
  /**
   * A TLS certificate and key (PEM) to serve instead of a freshly generated one, e.g. to keep
   * one CA file across runs. The certificate must cover IP 127.0.0.1.
   * @defaultValue a new self-signed EC P-256 certificate on every start
   */
  tls?: { cert: string; key: string };
  /**
   * Serve the JSON control API under `/_control/`.
   * @defaultValue `true`
   */
  enableControlApi?: boolean;
  /**
   * The clock used for token times and expiry (Advanced).
   * @defaultValue `Date`
   */
  clock?: DevAuthorityClock;
}

/** @internal Options with defaults applied. */
export interface NormalizedOptions {
  readonly port: number;
  readonly includeDefaults: boolean;
  readonly tenants: readonly TenantRegistration[];
  readonly apps: readonly AppRegistration[];
  readonly users: readonly UserRegistration[];
  readonly lifetimes: TokenLifetimes;
  readonly tls: { cert: string; key: string } | undefined;
  readonly enableControlApi: boolean;
  readonly clock: DevAuthorityClock;
}

const systemClock: DevAuthorityClock = { now: () => Date.now() };

function list<T>(value: readonly T[] | undefined, option: string): readonly T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TypeError(`startDevAuthority: ${option} must be an array.`);
  return value;
}

/**
 * @internal
 * @throws `TypeError`/`RangeError` naming the option that is wrong.
 */
export function normalizeOptions(options: DevAuthorityOptions = {}): NormalizedOptions {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("startDevAuthority: options must be an object.");
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError("startDevAuthority: port must be an integer from 0 to 65535.");
  }
  const { tls, clock } = options;
  if (tls !== undefined && (typeof tls.cert !== "string" || typeof tls.key !== "string")) {
    throw new TypeError("startDevAuthority: tls must be { cert, key } with PEM strings.");
  }
  if (clock !== undefined && typeof clock.now !== "function") {
    throw new TypeError("startDevAuthority: clock must have a now() method returning epoch ms.");
  }
  return {
    port,
    includeDefaults: options.includeDefaults ?? true,
    tenants: list(options.tenants, "tenants"),
    apps: list(options.apps, "apps"),
    users: list(options.users, "users"),
    lifetimes:
      options.lifetimes === undefined
        ? {}
        : validateLifetimes(options.lifetimes, "startDevAuthority: lifetimes"),
    tls,
    enableControlApi: options.enableControlApi ?? true,
    clock: clock ?? systemClock,
  };
}
