import { InvalidArgumentError } from "./errors/invalid-argument-error";

const tenantPattern = /^[0-9a-zA-Z.-]+$/;

/**
 * Throws unless `tenantId` is a GUID, a domain or one of Entra's tenant aliases (`common`,
 * `organizations`, `consumers`). Checked before any URL is built, so a tenant id can never
 * change the path or host a request goes to.
 *
 * @param option - the option or parameter name to put in the message.
 * @throws {@link InvalidArgumentError} (`invalid_tenant_id`).
 */
export function checkTenantId(tenantId: unknown, option = "tenantId"): asserts tenantId is string {
  if (typeof tenantId !== "string" || !tenantPattern.test(tenantId)) {
    const shown = typeof tenantId === "string" ? `"${tenantId.slice(0, 80)}"` : typeof tenantId;
    throw new InvalidArgumentError(
      `Tenant: ${option} ${shown} is not a valid tenant id. Use the directory (tenant) GUID or a verified domain name; only letters, digits, "-" and "." are allowed (find it at https://learn.microsoft.com/partner-center/find-ids-and-domain-names).`,
      "invalid_tenant_id",
    );
  }
}
