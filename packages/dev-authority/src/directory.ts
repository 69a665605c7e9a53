// The authority's directory: tenants, apps and users, and how a URL's tenant segment resolves.
// It holds registrations only; grants, sessions and revocations live elsewhere.
import { type AppRegistration, normalizeApp, type RegisteredApp } from "./app-registration.js";
import { consumersTenantId } from "./defaults.js";
import {
  normalizeTenant,
  type RegisteredTenant,
  type TenantRegistration,
} from "./tenant-registration.js";
import {
  normalizeUser,
  type RegisteredUser,
  type TenantProfile,
  type UserRegistration,
} from "./user-registration.js";

/** @internal A tenant path segment after resolution. */
export interface ResolvedTenant {
  readonly segment: string;
  readonly kind: "tenant" | "common" | "organizations" | "consumers";
  /** Set for a concrete tenant and for `consumers`. */
  readonly tenantId: string | undefined;
}

/** @internal */
export class Directory {
  private readonly tenants = new Map<string, RegisteredTenant>();
  private readonly domains = new Map<string, string>();
  private readonly apps = new Map<string, RegisteredApp>();
  private readonly users = new Map<string, RegisteredUser>();

  constructor(private readonly defaultTenantId: string) {
    this.registerTenant(
      { tenantId: consumersTenantId, displayName: "Microsoft accounts" },
      "tenant",
    );
  }

  registerTenant(registration: TenantRegistration, option: string): RegisteredTenant {
    const tenant = normalizeTenant(registration, option);
    for (const domain of tenant.domains) {
      const owner = this.domains.get(domain);
      if (owner !== undefined && owner !== tenant.tenantId) {
        throw new RangeError(`${option}.domains: '${domain}' already belongs to tenant ${owner}.`);
      }
    }
    this.tenants.set(tenant.tenantId, tenant);
    for (const domain of tenant.domains) this.domains.set(domain, tenant.tenantId);
    return tenant;
  }

  registerApp(registration: AppRegistration, option: string): RegisteredApp {
    const app = normalizeApp(registration, option);
    this.apps.set(app.clientId, app);
    return app;
  }

  registerUser(registration: UserRegistration, option: string): RegisteredUser {
    const user = normalizeUser(registration, option, this.defaultTenantId, (value) =>
      this.tenantIdOf(value),
    );
    this.users.set(user.username.toLowerCase(), user);
    return user;
  }

  /** Tenant id for an id or a verified domain. */
  tenantIdOf(idOrDomain: string): string | undefined {
    const key = idOrDomain.toLowerCase();
    if (this.tenants.has(key)) return key;
    return this.domains.get(key);
  }

  tenant(tenantId: string): RegisteredTenant | undefined {
    return this.tenants.get(tenantId);
  }

  resolveTenant(segment: string): ResolvedTenant | undefined {
    const key = segment.toLowerCase();
    if (key === "common" || key === "organizations") {
      return { segment, kind: key, tenantId: undefined };
    }
    if (key === "consumers") return { segment, kind: "consumers", tenantId: consumersTenantId };
    const tenantId = this.tenantIdOf(key);
    return tenantId === undefined ? undefined : { segment, kind: "tenant", tenantId };
  }

  app(clientId: string): RegisteredApp | undefined {
    return this.apps.get(clientId);
  }

  user(username: string): RegisteredUser | undefined {
    return this.users.get(username.toLowerCase());
  }

  allUsers(): RegisteredUser[] {
    return [...this.users.values()];
  }

  /** The tenant a token for `user` is issued in when requested at `tenant`; undefined if none. */
  profileFor(user: RegisteredUser, tenant: ResolvedTenant): TenantProfile | undefined {
    const home = user.profiles.get(user.homeTenantId);
    const isConsumer = user.homeTenantId === consumersTenantId;
    switch (tenant.kind) {
      case "common":
        return home;
      case "organizations":
        return isConsumer ? undefined : home;
      case "consumers":
        return isConsumer ? home : undefined;
      default:
        return tenant.tenantId === undefined ? undefined : user.profiles.get(tenant.tenantId);
    }
  }

  /** Users who can sign in at `tenant`, in registration order. */
  usersFor(tenant: ResolvedTenant): RegisteredUser[] {
    return this.allUsers().filter((user) => this.profileFor(user, tenant) !== undefined);
  }

  /** The user holding `objectId` in `tenantId`. */
  userByObjectId(tenantId: string, objectId: string): RegisteredUser | undefined {
    return this.allUsers().find((user) => user.profiles.get(tenantId)?.objectId === objectId);
  }
}
