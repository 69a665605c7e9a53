import { InvalidArgumentError } from "./errors/invalid-argument-error";
import { checkTenantId } from "./tenant-id";

/** Options for credentials that may get tokens for other tenants than their own. */
export interface MultiTenantOptions {
  /**
   * Tenants, besides the credential's own, that `getToken(..., { tenantId })` may ask for;
   * `"*"` allows any tenant.
   * @defaultValue []
   */
  additionallyAllowedTenants?: string[];
}

/** What {@link resolveTenantId} decides from. */
export interface TenantResolution {
  /** The credential's own tenant. */
  defaultTenantId: string;
  /** The tenant asked for in this call, if any. */
  requestedTenantId: string | undefined;
  /** The credential's `additionallyAllowedTenants`. */
  additionallyAllowedTenants: readonly string[];
  /** Environment read at construction (`AZURE_IDENTITY_DISABLE_MULTITENANTAUTH`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The credential's class name, for the message. */
  component: string;
}

/** True when `AZURE_IDENTITY_DISABLE_MULTITENANTAUTH` turns tenant overrides off. */
export function isMultiTenantDisabled(
  env: Readonly<Record<string, string | undefined>> = {},
): boolean {
  const value = env.AZURE_IDENTITY_DISABLE_MULTITENANTAUTH?.trim().toLowerCase();
  return value === "true" || value === "1";
}

/**
 * Decides which tenant a `getToken` call uses, as `@azure/identity` does: the requested tenant
 * when it is the credential's own, listed in `additionallyAllowedTenants`, or the list holds
 * `"*"`; the credential's own tenant when no tenant was requested or multi-tenant
 * authentication is disabled by the environment.
 *
 * @throws {@link InvalidArgumentError} (`tenant_not_allowed`) before any request is made.
 */
export function resolveTenantId(resolution: TenantResolution): string {
  const { defaultTenantId, requestedTenantId, additionallyAllowedTenants, env, component } =
    resolution;
  if (requestedTenantId === undefined || requestedTenantId === defaultTenantId) {
    return defaultTenantId;
  }
  if (isMultiTenantDisabled(env)) return defaultTenantId;
  checkTenantId(requestedTenantId, "options.tenantId");
  if (defaultTenantId === "adfs") {
    throw new InvalidArgumentError(
      `${component}: a tenant override is not supported for ADFS. Remove options.tenantId from the getToken call.`,
      "tenant_not_allowed",
    );
  }
  if (
    additionallyAllowedTenants.includes("*") ||
    additionallyAllowedTenants.includes(requestedTenantId)
  ) {
    return requestedTenantId;
  }
  throw new InvalidArgumentError(
    `${component}: the credential is not configured to get tokens for tenant "${requestedTenantId}". Add it to additionallyAllowedTenants in the credential options, or add "*" to allow any tenant.`,
    "tenant_not_allowed",
  );
}
