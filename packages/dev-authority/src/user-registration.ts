// A test user: one home tenant plus guest tenants, with a different object id in each tenant and
// one home account (`uid.utid`). Passwords are kept only as SHA-256 digests.
import { createHash, timingSafeEqual } from "node:crypto";
import { isGuid } from "./tenant-registration.js";

/** A user who can sign in at the authority. */
export interface UserRegistration {
  /** User principal name, e.g. `alice@contoso.test`; also `preferred_username`. */
  username: string;
  /**
   * Display name (`name` claim).
   * @defaultValue the part of `username` before `@`
   */
  displayName?: string;
  /** When set, the sign-in page asks for it; otherwise any (or no) password is accepted. */
  password?: string;
  /**
   * Home tenant, by id or verified domain.
   * @defaultValue {@link defaultTenantId}
   */
  homeTenantId?: string;
  /** Tenants (ids or domains) where the user is a guest, with a separate object id in each. */
  guestTenantIds?: readonly string[];
  /**
   * Object id in the home tenant (the `uid` of the home account).
   * @defaultValue derived from the username and tenant, stable across runs
   */
  objectId?: string;
}

/** @internal The user's identity inside one tenant. */
export interface TenantProfile {
  readonly tenantId: string;
  readonly objectId: string;
  readonly isGuest: boolean;
}

/** @internal */
export interface RegisteredUser {
  readonly username: string;
  readonly displayName: string;
  readonly passwordDigest: Buffer | undefined;
  readonly homeTenantId: string;
  /** Profiles by tenant id, home first. */
  readonly profiles: ReadonlyMap<string, TenantProfile>;
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** @internal Constant-time password check; users without a password accept anything. */
export function passwordMatches(user: RegisteredUser, presented: string | undefined): boolean {
  if (user.passwordDigest === undefined) return true;
  return timingSafeEqual(user.passwordDigest, digest(presented ?? ""));
}

/** A GUID derived from a name, so object ids are stable from one run to the next. */
function stableGuid(name: string): string {
  const hex = createHash("sha256").update(`entrakit-dev-authority:${name}`).digest("hex");
  const variant = ((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/**
 * @internal Validates a user registration; `resolveTenant` maps an id or domain to a tenant id.
 * @throws `TypeError` naming the field that is wrong; `RangeError` for an unknown tenant.
 */
export function normalizeUser(
  registration: UserRegistration,
  option: string,
  defaultTenantId: string,
  resolveTenant: (idOrDomain: string) => string | undefined,
): RegisteredUser {
  if (typeof registration !== "object" || registration === null) {
    throw new TypeError(`${option} must be an object with a username.`);
  }
  const { username, password, objectId } = registration;
  if (typeof username !== "string" || !/^[^\s@]+@[^\s@]+$/.test(username)) {
    throw new TypeError(
      `${option}.username must be a user principal name such as alice@contoso.test.`,
    );
  }
  if (password !== undefined && typeof password !== "string") {
    throw new TypeError(`${option}.password must be a string when set.`);
  }
  if (objectId !== undefined && !isGuid(objectId)) {
    throw new TypeError(`${option}.objectId must be a GUID when set.`);
  }
  const tenant = (value: string, field: string) => {
    const tenantId = typeof value === "string" ? resolveTenant(value) : undefined;
    if (tenantId === undefined) {
      throw new RangeError(
        `${option}.${field} names tenant '${String(value)}', which is not registered; register it first.`,
      );
    }
    return tenantId;
  };
  const homeTenantId = tenant(registration.homeTenantId ?? defaultTenantId, "homeTenantId");
  const key = username.toLowerCase();
  const profiles = new Map<string, TenantProfile>();
  profiles.set(homeTenantId, {
    tenantId: homeTenantId,
    objectId: (objectId ?? stableGuid(`${homeTenantId}:${key}`)).toLowerCase(),
    isGuest: false,
  });
  for (const guest of registration.guestTenantIds ?? []) {
    const tenantId = tenant(guest, "guestTenantIds");
    if (profiles.has(tenantId)) continue;
    profiles.set(tenantId, { tenantId, objectId: stableGuid(`${tenantId}:${key}`), isGuest: true });
  }
  return {
    username,
    displayName: registration.displayName ?? username.split("@")[0] ?? username,
    passwordDigest: password === undefined ? undefined : digest(password),
    homeTenantId,
    profiles,
  };
}
