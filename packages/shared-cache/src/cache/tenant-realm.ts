// Realms that name an authority path, not a tenant.
const tenantAliases = new Set(["organizations", "common", "consumers"]);

/** True for a realm that names a real tenant, not `organizations`/`common`/`consumers`. */
export function isTenantRealm(realm: string): boolean {
  return realm !== "" && !tenantAliases.has(realm.toLowerCase());
}
