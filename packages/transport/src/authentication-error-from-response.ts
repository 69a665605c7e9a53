// Turns a returned Entra error response (a JSON 4xx/5xx the transport handed to MSAL) into
// core's AuthenticationError, for credentials that see the response rather than MSAL's error.
import {
  AuthenticationError,
  type AuthenticationErrorCode,
  aadstsCode,
  type EntraErrorResponse,
  parseEntraErrorResponse,
} from "@entrakit/core";
import { component as transportComponent } from "./logger.js";
import type { NetworkResponse } from "./network-module.js";

// AADSTS codes whose fix differs from their OAuth error's generic advice.
const byAadsts: Record<string, { code: AuthenticationErrorCode; advice: string }> = {
  AADSTS54005: {
    code: "code_already_redeemed",
    advice: "the authorization code was already redeemed. Sign in again to get a new code",
  },
  AADSTS70008: {
    code: "code_expired",
    advice: "the authorization code or refresh token has expired. Sign in again",
  },
  AADSTS90002: {
    code: "tenant_not_found",
    advice: "the tenant was not found. Check tenantId and authorityHost",
  },
};

const byError: Record<string, { code: AuthenticationErrorCode; advice: string }> = {
  invalid_grant: {
    code: "invalid_grant",
    advice: "the authority rejected the grant. Sign in again to get a new code or refresh token",
  },
  invalid_client: {
    code: "invalid_client",
    advice: "the authority rejected the client credentials. Check clientId and the client secret",
  },
};

/**
 * Builds an `AuthenticationError` from a response the transport returned.
 *
 * @param response - A response with an Entra error body (`{"error": "invalid_grant", ...}`).
 * @param component - The name that starts the message, e.g. `"AuthorizationCodeCredential"`;
 * `"Transport"` when omitted.
 * @returns An error whose `code` is `code_already_redeemed` (AADSTS54005), `code_expired`
 * (AADSTS70008), `tenant_not_found` (AADSTS90002), `invalid_grant`, `invalid_client` or
 * `authentication_failed`; `invalid_response` when the body holds no Entra error. The response
 * is on the non-enumerable `response` property.
 * @example
 * ```ts
 * if (response.status >= 400) throw authenticationErrorFromResponse(response, "MyCredential");
 * ```
 */
export function authenticationErrorFromResponse(
  response: NetworkResponse<unknown>,
  component: string = transportComponent,
): AuthenticationError {
  const parsed = parseEntraErrorResponse(response.body);
  const error =
    parsed === undefined
      ? new AuthenticationError(response.status, undefined, {
          code: "invalid_response",
          // AuthenticationError appends "(status N; ...)" to these messages.
          message: `${component}: the authority answered status ${response.status} without an Entra error in the body. Check the authority host and any proxy in between`,
        })
      : fromEntraError(response.status, parsed, component);
  Object.defineProperty(error, "response", { value: response, enumerable: false });
  return error;
}

function fromEntraError(
  status: number,
  parsed: EntraErrorResponse,
  component: string,
): AuthenticationError {
  const known = byAadsts[aadstsCode(parsed) ?? ""] ?? byError[parsed.error];
  const code = known?.code ?? "authentication_failed";
  const advice =
    known?.advice ??
    "the authority refused the request. Look up the AADSTS code below and fix the credential's configuration";
  return new AuthenticationError(status, parsed, { code, message: `${component}: ${advice}` });
}
