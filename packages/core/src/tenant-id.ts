import { InvalidArgumentError } from "./errors/invalid-argument-error";

const tenantPattern = /^[0-9a-zA-Z.-]+$/;
// "." and ".." are dot-segments: URL parsing would resolve `https://host/../oauth2` to the host's
// root and drop the tenant from the path. A real domain never holds an empty label either.
const dotSegment = /^\.+$|\.\./;

/**
 * Throws unless `tenantId` is a GUID, a domain or one of Entra's tenant aliases (`common`,
 * `organizations`, `consumers`). Checked before any URL is built, so a tenant id can never
 * change the path or host a request goes to.
 *
 * @param option - the option or parameter name to put in the message.
 * @throws {@link InvalidArgumentError} (`invalid_tenant_id`).
 */
export function checkTenantId(tenantId: unknown, option = "tenantId"): asserts tenantId is string {
  if (typeof tenantId !== "string" || !tenantPattern.test(tenantId) || dotSegment.test(tenantId)) {
    const shown = typeof tenantId === "string" ? `"${tenantId.slice(0, 80)}"` : typeof tenantId;
    throw new InvalidArgumentError(
      `Tenant: ${option} ${shown} is not a valid tenant id. Use the directory (tenant) GUID or a verified domain name; only letters, digits, "-" and "." are allowed (find it at https://learn.microsoft.com/partner-center/find-ids-and-domain-names).`,
      "invalid_tenant_id",
    );
  }
}
