import { createHash, randomBytes } from "node:crypto";
import {
  AuthenticationError,
  authorityUrl,
  checkScopes,
  checkTenantId,
  InvalidArgumentError,
  normalizeAuthorityHost,
} from "@entrakit/core";

/** Options of {@link createAuthorizationRequest}. */
export interface AuthorizationRequestOptions {
  /** The tenant to sign in to (`common`/`organizations` for multi-tenant apps). */
  tenantId: string;
  /** The app's client id. */
  clientId: string;
  /** Where Entra sends the browser back; must be registered on the app. */
  redirectUri: string;
  /** The scopes to consent to; `openid profile offline_access` are added. */
  scopes: string[];
  /** The authority host. @defaultValue `https://login.microsoftonline.com` */
  authorityHost?: string;
  /** Pre-fills the username on the sign-in page. */
  loginHint?: string;
  /** `login`, `consent`, `select_account` or `none`. */
  prompt?: "login" | "consent" | "select_account" | "none";
  /** A claims request (e.g. a CAE challenge) to include. */
  claims?: string;
}

/** A sign-in to send the browser to, and what to keep until it comes back. */
export interface AuthorizationRequest {
  /** The authorize URL to redirect the browser to. */
  url: string;
  /** Random `state`: keep it (e.g. in the session) and pass it to {@link readAuthorizationResponse}. */
  state: string;
  /** Random `nonce`, echoed in the id token. */
  nonce: string;
  /** The PKCE verifier: keep it secret and pass it to the credential as `codeVerifier`. */
  codeVerifier: string;
}

const baseScopes = ["openid", "profile", "offline_access"];

/**
 * Builds an authorization code request with PKCE (S256), `state` and `nonce`: the half of the
 * flow that happens before the credential exists.
 *
 * @example
 * ```ts
 * const request = createAuthorizationRequest({ tenantId, clientId, redirectUri, scopes: ["User.Read"] });
 * session.pending = { state: request.state, codeVerifier: request.codeVerifier };
 * response.redirect(request.url);
 * ```
 */
export function createAuthorizationRequest(
  options: AuthorizationRequestOptions,
): AuthorizationRequest {
  checkTenantId(options.tenantId);
  const scopes = checkScopes(options.scopes);
  const host = normalizeAuthorityHost(options.authorityHost, {}, { allowInsecureLoopback: false });
  const codeVerifier = randomBytes(32).toString("base64url");
  const state = randomBytes(16).toString("base64url");
  const nonce = randomBytes(16).toString("base64url");
  const url = new URL(`${authorityUrl(host, options.tenantId)}/oauth2/v2.0/authorize`);
  const query = url.searchParams;
  query.set("client_id", options.clientId);
  query.set("response_type", "code");
  query.set("redirect_uri", options.redirectUri);
  query.set("response_mode", "query");
  query.set("scope", [...new Set([...scopes, ...baseScopes])].join(" "));
  query.set("state", state);
  query.set("nonce", nonce);
  query.set("code_challenge", createHash("sha256").update(codeVerifier).digest("base64url"));
  query.set("code_challenge_method", "S256");
  if (options.loginHint) query.set("login_hint", options.loginHint);
  if (options.prompt) query.set("prompt", options.prompt);
  if (options.claims) query.set("claims", options.claims);
  return { url: url.toString(), state, nonce, codeVerifier };
}

/**
 * Reads the redirect Entra sent the browser back with: checks `state`, and returns the code,
 * or throws what Entra reported.
 *
 * @param redirectedTo - the full URL the browser was sent to (or just its query string).
 * @param expectedState - the `state` of the {@link AuthorizationRequest}.
 * @throws {@link @entrakit/core!InvalidArgumentError} (`state_mismatch`, `missing_code`) for a forged or
 * incomplete redirect; {@link @entrakit/core!AuthenticationError} when Entra redirected with an error.
 */
export function readAuthorizationResponse(
  redirectedTo: string | URL,
  expectedState: string,
): { code: string } {
  const query = queryOf(redirectedTo);
  if (query.get("state") !== expectedState) {
    throw new InvalidArgumentError(
      "AuthorizationResponse: the redirect's state does not match the request's. Start the sign-in again; never redeem a code whose state does not match (it may be forged).",
      "state_mismatch",
    );
  }
  const error = query.get("error");
  if (error) {
    const description = query.get("error_description") ?? "";
    const codes = [...description.matchAll(/AADSTS(\d+)/g)].map((m) => Number(m[1]));
    throw new AuthenticationError(
      400,
      {
        error,
        errorDescription: description.split(/\r?\n/, 1)[0] ?? "",
        ...(codes.length ? { errorCodes: codes } : {}),
      },
      {
        code: error,
        message:
          "AuthorizationResponse: the sign-in ended with an error. Check the error and start the sign-in again",
      },
    );
  }
  const code = query.get("code");
  if (!code) {
    throw new InvalidArgumentError(
      "AuthorizationResponse: the redirect carries no code. Pass the full URL the browser was redirected to.",
      "missing_code",
    );
  }
  return { code };
}

// The query of a full URL (a fragment, which browsers never send, is not part of it), or a bare
// query string with or without its "?".
function queryOf(redirectedTo: string | URL): URLSearchParams {
  if (typeof redirectedTo !== "string") return redirectedTo.searchParams;
  if (URL.canParse(redirectedTo)) return new URL(redirectedTo).searchParams;
  const start = redirectedTo.indexOf("?");
  return new URLSearchParams(start === -1 ? redirectedTo : redirectedTo.slice(start + 1));
}
