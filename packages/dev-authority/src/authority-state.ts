// Everything one running authority remembers. Held per instance (never module-level), so two
// authorities in one process, or ESM and CJS copies, cannot see each other's state.
import { defaultApps, defaultTenantId, defaultTenants, defaultUsers } from "./defaults.js";
import type { NormalizedOptions } from "./dev-authority-options.js";
import { Directory } from "./directory.js";
import { FaultInjector } from "./fault-injector.js";
import { GrantStore } from "./grant-store.js";
import { RequestLog } from "./request-log.js";
import { SessionRevocations } from "./session-revocations.js";
import type { SigningKey } from "./signing-key.js";
import {
  type ResolvedLifetimes,
  resolveLifetimes,
  type TokenLifetimes,
} from "./token-lifetimes.js";

/** @internal A sign-in page waiting for the user's choice. */
export interface PendingSignIn {
  readonly params: URLSearchParams;
  readonly tenantSegment: string;
  readonly expiresAt: number;
}

/** @internal A signed-in browser (cookie), for single sign-on and `prompt=none`. */
export interface BrowserSession {
  readonly username: string;
  readonly generation: number;
}

/** @internal */
export class AuthorityState {
  baseUrl = "";
  host = "";
  directory: Directory;
  readonly grants = new GrantStore();
  readonly revocations = new SessionRevocations();
  readonly log = new RequestLog();
  readonly faults = new FaultInjector();
  readonly pendingSignIns = new Map<string, PendingSignIn>();
  readonly browserSessions = new Map<string, BrowserSession>();
  readonly closing = new AbortController();
  private lifetimes: TokenLifetimes;
  private readonly appLifetimes = new Map<string, TokenLifetimes>();

  constructor(
    readonly options: NormalizedOptions,
    readonly signingKey: SigningKey,
  ) {
    this.lifetimes = options.lifetimes;
    this.directory = this.buildDirectory();
  }

  now(): number {
    return this.options.clock.now();
  }

  lifetimesFor(clientId: string): ResolvedLifetimes {
    return resolveLifetimes(
      this.lifetimes,
      this.directory.app(clientId)?.lifetimes,
      this.appLifetimes.get(clientId),
    );
  }

  setLifetimes(lifetimes: TokenLifetimes, clientId: string | undefined): void {
    if (clientId === undefined) {
      this.lifetimes = { ...this.lifetimes, ...lifetimes };
    } else {
      this.appLifetimes.set(clientId, { ...this.appLifetimes.get(clientId), ...lifetimes });
    }
  }

  /** Back to the state right after start: registrations from options, nothing issued. */
  reset(): void {
    this.grants.clear();
    this.revocations.clear();
    this.log.clear();
    this.faults.clear();
    this.pendingSignIns.clear();
    this.browserSessions.clear();
    this.appLifetimes.clear();
    this.lifetimes = this.options.lifetimes;
    this.directory = this.buildDirectory();
  }

  private buildDirectory(): Directory {
    const { options } = this;
    const directory = new Directory(defaultTenantId);
    for (const tenant of defaultTenants) directory.registerTenant(tenant, "defaultTenants[]");
    for (const [index, tenant] of options.tenants.entries()) {
      directory.registerTenant(tenant, `startDevAuthority: tenants[${index}]`);
    }
    if (options.includeDefaults) {
      for (const app of defaultApps) directory.registerApp(app, "defaultApps[]");
      for (const user of defaultUsers) directory.registerUser(user, "defaultUsers[]");
    }
    for (const [index, app] of options.apps.entries()) {
      directory.registerApp(app, `startDevAuthority: apps[${index}]`);
    }
    for (const [index, user] of options.users.entries()) {
      directory.registerUser(user, `startDevAuthority: users[${index}]`);
    }
    return directory;
  }
}
