import { text } from "./entry-fields";
import { isTenantRealm } from "./tenant-realm";

/** An `Account` entry: one tenant profile of a home account. */
export interface CachedAccount {
  readonly homeAccountId: string;
  readonly environment: string;
  /** The tenant of this profile, or the authority's tenant path (`organizations`) as Python writes it. */
  readonly realm: string;
  readonly username: string;
  /** Tenant ids of this profile and of the `tenantProfiles` MSAL Node adds. */
  readonly tenantIds: readonly string[];
}

/** Reads an `Account` entry, or `undefined` when it has no home account id or environment. */
export function readAccount(entry: Readonly<Record<string, unknown>>): CachedAccount | undefined {
  const home = text(entry.home_account_id);
  const environment = text(entry.environment);
  if (!home || !environment) return undefined;
  return new AccountEntry(
    home,
    environment,
    text(entry.realm) ?? "",
    text(entry.username) ?? "",
    entry.tenantProfiles,
  );
}

class AccountEntry implements CachedAccount {
  readonly #tenantProfiles: unknown;
  #tenantIds: readonly string[] | undefined;

  constructor(
    readonly homeAccountId: string,
    readonly environment: string,
    readonly realm: string,
    readonly username: string,
    tenantProfiles: unknown,
  ) {
    this.#tenantProfiles = tenantProfiles;
  }

  // Read on first use: MSAL Node stores each profile as JSON text, a parse each, and choosing
  // an account by username never needs them.
  get tenantIds(): readonly string[] {
    if (this.#tenantIds) return this.#tenantIds;
    const ids = new Set<string>();
    if (isTenantRealm(this.realm)) ids.add(this.realm.toLowerCase());
    for (const id of profileTenants(this.#tenantProfiles)) ids.add(id);
    this.#tenantIds = [...ids];
    return this.#tenantIds;
  }
}

// MSAL Node stores each tenant profile as a JSON string (older versions: an object).
function profileTenants(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const ids: string[] = [];
  for (const item of value) {
    let profile: unknown = item;
    if (typeof item === "string") {
      try {
        profile = JSON.parse(item);
      } catch {
        continue;
      }
    }
    const id = (profile as { tenantId?: unknown } | null)?.tenantId;
    if (typeof id === "string" && isTenantRealm(id)) ids.push(id.toLowerCase());
  }
  return ids;
}
