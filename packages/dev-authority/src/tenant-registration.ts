// A directory tenant: its GUID and the verified domains that resolve to it in URLs.

/** A tenant the authority knows, addressable by id or by any of its domains. */
export interface TenantRegistration {
  /** Tenant id, a GUID. */
  tenantId: string;
  /** Verified domains that resolve to this tenant in authority URLs (e.g. `contoso.test`). */
  domains?: readonly string[];
  /**
   * Name shown on the sign-in page.
   * @defaultValue the first domain, else the tenant id
   */
  displayName?: string;
}

/** @internal */
export interface RegisteredTenant {
  readonly tenantId: string;
  readonly domains: readonly string[];
  readonly displayName: string;
}

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** @internal True for a GUID in the 8-4-4-4-12 form. */
export function isGuid(value: unknown): value is string {
  return typeof value === "string" && guidPattern.test(value);
}

/**
 * @internal Validates a tenant registration.
 * @throws `TypeError` naming the field that is wrong.
 */
export function normalizeTenant(
  registration: TenantRegistration,
  option: string,
): RegisteredTenant {
  if (typeof registration !== "object" || registration === null) {
    throw new TypeError(`${option} must be an object with a tenantId.`);
  }
  if (!isGuid(registration.tenantId)) {
    throw new TypeError(
      `${option}.tenantId must be a GUID such as 00000000-0000-0000-0000-000000000000.`,
    );
  }
  const domains = registration.domains ?? [];
  for (const domain of domains) {
    if (typeof domain !== "string" || !/^[a-z0-9.-]+\.[a-z0-9-]+$/i.test(domain)) {
      throw new TypeError(`${option}.domains must hold domain names such as contoso.test.`);
    }
  }
  const tenantId = registration.tenantId.toLowerCase();
  return {
    tenantId,
    domains: domains.map((domain) => domain.toLowerCase()),
    displayName: registration.displayName ?? domains[0] ?? tenantId,
  };
}
