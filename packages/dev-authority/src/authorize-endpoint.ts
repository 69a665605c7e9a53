// `/{tenant}/oauth2/v2.0/authorize`: the sign-in page (GET), its form submission (POST), single
// sign-on from the session cookie, `prompt`, and the documented `auto=1` shortcut for scripts.
import { randomBytes } from "node:crypto";
import { aadsts } from "./aadsts-errors.js";
import {
  AuthorizeRedirectError,
  type AuthorizeRequest,
  parseAuthorizeRequest,
} from "./authorize-request.js";
import { completeSignIn, redirectError, sessionUser, showErrorPage } from "./authorize-response.js";
import type { ResolvedTenant } from "./directory.js";
import { renderSignInPage } from "./html-pages.js";
import { OAuthError } from "./oauth-error.js";
import type { RequestContext } from "./request-context.js";
import { passwordMatches, type RegisteredUser } from "./user-registration.js";

const pendingLifetimeMs = 10 * 60_000;

/** @internal */
export function handleAuthorize(ctx: RequestContext): void {
  try {
    const method = ctx.req.method ?? "GET";
    if (method !== "GET" && method !== "POST") throw aadsts.methodNotAllowed(method);
    const tenant = ctx.resolveTenant();
    if (method === "POST" && ctx.form.has("request")) {
      submitSignIn(ctx, tenant);
    } else {
      startSignIn(ctx, tenant, method === "POST" ? ctx.form : ctx.query);
    }
  } catch (error) {
    if (error instanceof AuthorizeRedirectError) {
      redirectError(ctx, error.target, error.oauth);
    } else if (error instanceof OAuthError) {
      showErrorPage(ctx, error);
    } else {
      throw error;
    }
  }
}

function startSignIn(ctx: RequestContext, tenant: ResolvedTenant, params: URLSearchParams): void {
  const request = parseAuthorizeRequest(ctx.state, tenant, params);
  const auto = params.get("auto");
  if (auto === "cancel") throw new AuthorizeRedirectError(aadsts.userDeclined(), request.target);
  if (auto === "1") {
    const username = params.get("user") ?? request.loginHint;
    if (!username) throw aadsts.missingParameter("user");
    const user = findUser(ctx, request, username);
    if (!passwordMatches(user, params.get("password") ?? undefined))
      throw aadsts.invalidCredentials();
    completeSignIn(ctx, request, user);
    return;
  }
  const signedIn = sessionUser(ctx, request);
  const hintMatches =
    request.loginHint === undefined ||
    signedIn?.username.toLowerCase() === request.loginHint.toLowerCase();
  if (request.prompt === "none") {
    if (!signedIn || !hintMatches) {
      throw new AuthorizeRedirectError(aadsts.loginRequired(), request.target);
    }
    completeSignIn(ctx, request, signedIn);
    return;
  }
  if (signedIn && hintMatches && request.prompt === undefined) {
    completeSignIn(ctx, request, signedIn);
    return;
  }
  const now = ctx.state.now();
  for (const [id, pending] of ctx.state.pendingSignIns) {
    if (pending.expiresAt <= now) ctx.state.pendingSignIns.delete(id);
  }
  const pendingId = randomBytes(24).toString("base64url");
  ctx.state.pendingSignIns.set(pendingId, {
    params: new URLSearchParams(params),
    tenantSegment: tenant.segment,
    expiresAt: now + pendingLifetimeMs,
  });
  showSignInPage(ctx, request, pendingId, request.loginHint, undefined);
}

function submitSignIn(ctx: RequestContext, tenant: ResolvedTenant): void {
  const { state, form } = ctx;
  const pendingId = form.get("request") ?? "";
  const pending = state.pendingSignIns.get(pendingId);
  if (!pending || pending.expiresAt <= state.now() || pending.tenantSegment !== tenant.segment) {
    throw aadsts.malformedRequest(
      "The sign-in page expired or is unknown; start the sign-in again.",
    );
  }
  const request = parseAuthorizeRequest(state, tenant, pending.params);
  if (form.get("action") === "cancel") {
    state.pendingSignIns.delete(pendingId);
    throw new AuthorizeRedirectError(aadsts.userDeclined(), request.target);
  }
  const username = form.get("username");
  if (!username) {
    showSignInPage(ctx, request, pendingId, undefined, {
      code: "AADSTS900144",
      message: "Pick an account to continue.",
    });
    return;
  }
  let user: RegisteredUser;
  try {
    user = findUser(ctx, request, username);
    if (!passwordMatches(user, form.get("password") ?? undefined))
      throw aadsts.invalidCredentials();
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    // Entra keeps the user on the page and explains, rather than failing the whole request.
    showSignInPage(ctx, request, pendingId, username, {
      code: `AADSTS${error.aadsts}`,
      message: error.description,
    });
    return;
  }
  state.pendingSignIns.delete(pendingId);
  completeSignIn(ctx, request, user);
}

function findUser(
  ctx: RequestContext,
  request: AuthorizeRequest,
  username: string,
): RegisteredUser {
  const user = ctx.state.directory.user(username);
  if (!user || !ctx.state.directory.profileFor(user, request.tenant)) {
    throw aadsts.userNotFound(username, request.tenant.tenantId ?? request.tenant.segment);
  }
  return user;
}

function showSignInPage(
  ctx: RequestContext,
  request: AuthorizeRequest,
  pendingId: string,
  selected: string | undefined,
  error: { code: string; message: string } | undefined,
): void {
  const { directory } = ctx.state;
  const tenant = request.tenant;
  const tenantName =
    tenant.tenantId === undefined
      ? `any ${tenant.kind === "organizations" ? "organization" : "tenant"}`
      : (directory.tenant(tenant.tenantId)?.displayName ?? tenant.tenantId);
  ctx.respondHtml(
    200,
    renderSignInPage({
      action: `/${tenant.segment}/oauth2/v2.0/authorize`,
      pendingId,
      appName: request.app.displayName,
      tenantName,
      scopes: request.scopes,
      users: directory.usersFor(tenant).map((user) => ({
        username: user.username,
        displayName: user.displayName,
        hasPassword: user.passwordDigest !== undefined,
      })),
      selected,
      error,
    }),
  );
}
