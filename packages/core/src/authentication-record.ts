import { InvalidArgumentError } from "./errors/invalid-argument-error";

/**
 * Which account a credential signed in, without any secret: enough for a later process to find
 * the same account in a persistent cache and get tokens silently. The JSON form is the one
 * `@azure/identity` writes, so records move between the two libraries.
 */
export interface AuthenticationRecord {
  /** The authority host the account signed in at, e.g. `login.microsoftonline.com`. */
  authority: string;
  /** MSAL's home account id: `<object id>.<home tenant id>`. */
  homeAccountId: string;
  /** The application (client) id that signed the account in. */
  clientId: string;
  /** The tenant the account signed in to. */
  tenantId: string;
  /** The user principal name, e.g. `alice@contoso.com`. */
  username: string;
}

const recordVersion = "1.0";

/** Serializes a record to `@azure/identity`'s JSON shape (with `"version": "1.0"`). */
export function serializeAuthenticationRecord(record: AuthenticationRecord): string {
  return JSON.stringify({
    authority: record.authority,
    homeAccountId: record.homeAccountId,
    clientId: record.clientId,
    tenantId: record.tenantId,
    username: record.username,
    version: recordVersion,
  });
}

/**
 * Reads a record written by {@link serializeAuthenticationRecord} or by `@azure/identity`.
 *
 * @throws {@link @entrakit/core!InvalidArgumentError} (`invalid_option`) for anything else.
 */
export function deserializeAuthenticationRecord(serialized: string): AuthenticationRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(serialized);
  } catch {
    throw invalidRecord("it is not JSON");
  }
  if (typeof parsed !== "object" || parsed === null) throw invalidRecord("it is not an object");
  const value = parsed as Record<string, unknown>;
  // @azure/identity accepts records without a version (written before versions existed).
  if (value.version !== undefined && value.version !== recordVersion) {
    throw invalidRecord(
      `its version is ${JSON.stringify(value.version)}, expected "${recordVersion}"`,
    );
  }
  const fields = ["authority", "homeAccountId", "clientId", "tenantId", "username"] as const;
  for (const field of fields) {
    if (typeof value[field] !== "string" || value[field] === "") {
      throw invalidRecord(`the field "${field}" is missing or not a string`);
    }
  }
  return {
    authority: value.authority as string,
    homeAccountId: value.homeAccountId as string,
    clientId: value.clientId as string,
    tenantId: value.tenantId as string,
    username: value.username as string,
  };
}

function invalidRecord(why: string): InvalidArgumentError {
  return new InvalidArgumentError(
    `AuthenticationRecord: the serialized record cannot be read because ${why}. Pass the exact string serializeAuthenticationRecord (or @azure/identity's serializeAuthenticationRecord) produced.`,
    "invalid_option",
  );
}
