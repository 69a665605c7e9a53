// Validation of an authorize request, in Entra's order: errors about the client or redirect URI
// are shown as a page (redirecting to an unverified URI would be an open redirect); everything
// after that goes back to the app as `error` + `error_description` on the redirect.
import { aadsts } from "./aadsts-errors.js";
import { type RegisteredApp, redirectUriMatches } from "./app-registration.js";
import type { AuthorityState } from "./authority-state.js";
import type { ResolvedTenant } from "./directory.js";
import { OAuthError } from "./oauth-error.js";
import { resolveScopes, splitScopes } from "./scopes.js";
import { parseRequestClaims } from "./session-revocations.js";

/** @internal Where and how the result goes back to the app. */
export interface RedirectTarget {
  readonly redirectUri: string;
  readonly responseMode: "query" | "fragment" | "form_post";
  readonly state: string | undefined;
}

/** @internal A validated authorize request. */
export interface AuthorizeRequest {
  readonly tenant: ResolvedTenant;
  readonly app: RegisteredApp;
  readonly target: RedirectTarget;
  readonly scopes: readonly string[];
  readonly nonce: string | undefined;
  readonly codeChallenge: string | undefined;
  readonly codeChallengeMethod: "S256" | "plain" | undefined;
  readonly loginHint: string | undefined;
  readonly prompt: string | undefined;
  readonly capabilities: readonly string[];
}

/** @internal An error to report on the redirect URI rather than on a page. */
export class AuthorizeRedirectError extends Error {
  override readonly name = "AuthorizeRedirectError";

  constructor(
    readonly oauth: OAuthError,
    readonly target: RedirectTarget,
  ) {
    super(oauth.message);
  }
}

const responseModes = new Set(["query", "fragment", "form_post"]);
const prompts = new Set(["login", "none", "consent", "select_account", "create"]);

/** @internal */
export function parseAuthorizeRequest(
  state: AuthorityState,
  tenant: ResolvedTenant,
  params: URLSearchParams,
): AuthorizeRequest {
  const clientId = params.get("client_id");
  if (!clientId) throw aadsts.missingParameter("client_id");
  const app = state.directory.app(clientId);
  if (!app) throw aadsts.unknownClient(clientId, tenant.tenantId ?? tenant.segment);
  const redirectUri = params.get("redirect_uri");
  if (!redirectUri) throw aadsts.missingParameter("redirect_uri");
  if (!redirectUriMatches(app, redirectUri))
    throw aadsts.redirectUriMismatch(redirectUri, clientId);

  const mode = params.get("response_mode") ?? "query";
  const target: RedirectTarget = {
    redirectUri,
    responseMode: responseModes.has(mode) ? (mode as RedirectTarget["responseMode"]) : "query",
    state: params.get("state") ?? undefined,
  };
  try {
    if (!responseModes.has(mode))
      throw aadsts.malformedRequest(`response_mode '${mode}' is not supported.`);
    const responseType = params.get("response_type");
    if (!responseType) throw aadsts.missingParameter("response_type");
    if (responseType !== "code") throw aadsts.unsupportedResponseType(responseType);
    const scopes = splitScopes(params.get("scope"));
    if (scopes.length === 0) throw aadsts.missingParameter("scope");
    resolveScopes(scopes);
    const codeChallenge = params.get("code_challenge") ?? undefined;
    // RFC 7636 section 4.3: without a method the challenge is `plain`.
    const method = params.get("code_challenge_method") ?? "plain";
    if (codeChallenge !== undefined) {
      if (method !== "S256" && method !== "plain") {
        throw aadsts.malformedRequest(`code_challenge_method '${method}' is not supported.`);
      }
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(codeChallenge)) {
        throw aadsts.malformedRequest("code_challenge must be 43 to 128 unreserved characters.");
      }
    }
    const prompt = params.get("prompt") ?? undefined;
    if (prompt !== undefined && !prompts.has(prompt)) {
      throw aadsts.malformedRequest(`prompt '${prompt}' is not supported.`);
    }
    return {
      tenant,
      app,
      target,
      scopes,
      nonce: params.get("nonce") ?? undefined,
      codeChallenge,
      codeChallengeMethod: codeChallenge === undefined ? undefined : (method as "S256" | "plain"),
      loginHint: params.get("login_hint") ?? undefined,
      prompt,
      capabilities: parseRequestClaims(params.get("claims")).capabilities,
    };
  } catch (error) {
    if (error instanceof OAuthError) throw new AuthorizeRedirectError(error, target);
    throw error;
  }
}
