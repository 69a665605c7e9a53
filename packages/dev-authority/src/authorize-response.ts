// How an authorize request ends: a code (or an error) sent to the redirect URI in the requested
// response mode, plus the browser session cookie that gives single sign-on next time.
import { randomBytes, randomUUID } from "node:crypto";
import type { BrowserSession } from "./authority-state.js";
import type { AuthorizeRequest, RedirectTarget } from "./authorize-request.js";
import { renderErrorPage, renderFormPostPage } from "./html-pages.js";
import { issueCode } from "./issue-code.js";
import { entraErrorBody, type OAuthError } from "./oauth-error.js";
import type { RequestContext } from "./request-context.js";
import type { RegisteredUser } from "./user-registration.js";

const sessionCookie = "entrakit_dev_session";

/** Sends parameters to the app's redirect URI in the requested response mode. */
function redirectWith(
  ctx: RequestContext,
  target: RedirectTarget,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): void {
  const all = target.state === undefined ? params : { ...params, state: target.state };
  const encoded = new URLSearchParams(all).toString();
  if (target.responseMode === "form_post") {
    ctx.respondHtml(200, renderFormPostPage(target.redirectUri, all), headers);
  } else if (target.responseMode === "fragment") {
    ctx.redirect(`${target.redirectUri}#${encoded}`, headers);
  } else {
    const separator = target.redirectUri.includes("?") ? "&" : "?";
    ctx.redirect(`${target.redirectUri}${separator}${encoded}`, headers);
  }
}

/** @internal Sends an OAuth error to the app's redirect URI. */
export function redirectError(
  ctx: RequestContext,
  target: RedirectTarget,
  error: OAuthError,
): void {
  const body = entraErrorBody(error, ctx.errorContext());
  const params: Record<string, string> = {
    error: error.error,
    error_description: String(body.error_description),
    error_uri: String(body.error_uri),
  };
  if (error.extras.claims !== undefined) params.claims = error.extras.claims;
  redirectWith(ctx, target, params);
}

/** @internal Shows an error page (for errors that must not redirect). */
export function showErrorPage(ctx: RequestContext, error: OAuthError): void {
  ctx.respondHtml(
    error.status,
    renderErrorPage({
      code: `AADSTS${error.aadsts}`,
      message: error.description,
      traceId: ctx.traceId,
      correlationId: ctx.correlationId,
    }),
  );
}

/** @internal The user whose browser session cookie is still valid for this request. */
export function sessionUser(
  ctx: RequestContext,
  request: AuthorizeRequest,
): RegisteredUser | undefined {
  const cookies = ctx.req.headers.cookie ?? "";
  const match = new RegExp(`(?:^|;\\s*)${sessionCookie}=([A-Za-z0-9_-]+)`).exec(cookies);
  const session = match?.[1] === undefined ? undefined : ctx.state.browserSessions.get(match[1]);
  if (!session) return undefined;
  const user = ctx.state.directory.user(session.username);
  // A revocation also ends browser sessions, as Entra's "revoke sessions" does.
  if (!user || session.generation < ctx.state.revocations.generation(session.username))
    return undefined;
  return ctx.state.directory.profileFor(user, request.tenant) ? user : undefined;
}

/** @internal Ends the browser session named by the cookie. */
export function endBrowserSession(ctx: RequestContext): Record<string, string> {
  const match = new RegExp(`(?:^|;\\s*)${sessionCookie}=([A-Za-z0-9_-]+)`).exec(
    ctx.req.headers.cookie ?? "",
  );
  if (match?.[1] !== undefined) ctx.state.browserSessions.delete(match[1]);
  return { "set-cookie": `${sessionCookie}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax` };
}

/** @internal Issues the code for `user` and redirects back to the app. */
export function completeSignIn(
  ctx: RequestContext,
  request: AuthorizeRequest,
  user: RegisteredUser,
): void {
  const { state } = ctx;
  const profile = state.directory.profileFor(user, request.tenant);
  if (!profile) throw new RangeError("completeSignIn: the user has no profile in this tenant.");
  const code = issueCode(state, {
    app: request.app,
    user,
    profile,
    redirectUri: request.target.redirectUri,
    scopes: request.scopes,
    codeChallenge: request.codeChallenge,
    codeChallengeMethod: request.codeChallengeMethod,
    nonce: request.nonce,
    capabilities: request.capabilities,
  });
  const username = user.username.toLowerCase();
  const session: BrowserSession = { username, generation: state.revocations.generation(username) };
  const sessionId = randomBytes(24).toString("base64url");
  state.browserSessions.set(sessionId, session);
  redirectWith(
    ctx,
    request.target,
    { code, session_state: randomUUID() },
    { "set-cookie": `${sessionCookie}=${sessionId}; Path=/; HttpOnly; Secure; SameSite=Lax` },
  );
}
