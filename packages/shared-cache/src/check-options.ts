import type { AuthenticationRecord } from "@entrakit/core";

/** True for the tenant paths that name no tenant (`organizations`, `common`, `consumers`). */
export function isTenantAlias(tenantId: string | undefined): boolean {
  return (
    tenantId !== undefined &&
    ["organizations", "common", "consumers"].includes(tenantId.toLowerCase())
  );
}

/**
 * Checks an optional string option.
 *
 * @throws TypeError naming the option when it is given but empty or not a string.
 */
export function optionalText(
  component: string,
  value: unknown,
  option: string,
  what: string,
): void {
  if (value !== undefined && (typeof value !== "string" || value.trim() === "")) {
    throw new TypeError(
      `${component}: ${option} must be a non-empty string. Pass ${what}, or leave it out.`,
    );
  }
}

/**
 * Checks an authentication record passed from JavaScript (or parsed by hand).
 *
 * @throws TypeError when a field is missing or not a string.
 */
export function checkRecord(
  component: string,
  record: AuthenticationRecord | undefined,
): AuthenticationRecord | undefined {
  if (record === undefined) return undefined;
  const fields = ["authority", "homeAccountId", "clientId", "tenantId", "username"] as const;
  if (
    typeof record !== "object" ||
    record === null ||
    fields.some((f) => typeof record[f] !== "string" || record[f] === "")
  ) {
    throw new TypeError(
      `${component}: authenticationRecord must have the string fields ${fields.join(", ")}. Pass the record deserializeAuthenticationRecord returned.`,
    );
  }
  return record;
}
