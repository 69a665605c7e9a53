// The app's pages. Signing in is the authorization code flow with PKCE and `state`; the code is
// redeemed server-side by AuthorizationCodeCredential, which then keeps the user's tokens
// (cached, refreshed) for the life of the session. The browser only ever holds a session id.
import {
  AuthorizationCodeCredential,
  createAuthorizationRequest,
  readAuthorizationResponse,
} from "@entrakit/auth-code";
import { fetchProfile } from "./fetch-profile.mjs";
import { errorPage, homePage, notFoundPage, profilePage } from "./html.mjs";
import { WebAppError } from "./web-app-error.mjs";

/** @typedef {import("./session-store.mjs").Session} Session */
/** @typedef {import("./session-store.mjs").SessionStore} SessionStore */
/** @typedef {import("node:http").IncomingMessage} IncomingMessage */
/** @typedef {import("node:http").ServerResponse} ServerResponse */

/**
 * @typedef {object} AppSettings
 * @property {string} tenantId
 * @property {string} clientId
 * @property {string} clientSecret
 * @property {string} authorityHost - without a trailing slash.
 * @property {string} redirectUri
 * @property {string[]} scopes
 * @property {string} profileUrl
 * @property {string | undefined} ca
 * @property {boolean} disableInstanceDiscovery
 */

/**
 * The request listener of the app's http server.
 *
 * @param {AppSettings} settings
 * @param {SessionStore} sessions
 * @returns {(request: IncomingMessage, response: ServerResponse) => Promise<void>}
 */
export function createRequestHandler(settings, sessions) {
  const origin = new URL(settings.redirectUri).origin;

  /**
   * @param {string} code
   * @param {{ codeVerifier: string, nonce: string }} pending - what the sign-in was requested with.
   */
  const credentialFor = (code, { codeVerifier, nonce }) =>
    new AuthorizationCodeCredential(
      settings.tenantId,
      settings.clientId,
      settings.clientSecret,
      code,
      settings.redirectUri,
      {
        authorityHost: settings.authorityHost,
        codeVerifier,
        nonce,
        disableInstanceDiscovery: settings.disableInstanceDiscovery,
        ...(settings.ca === undefined ? {} : { transportOptions: { ca: settings.ca } }),
      },
    );

  /** @param {AuthorizationCodeCredential} credential */
  const callProfile = async (credential) => {
    const token = await credential.getToken(settings.scopes);
    const profile = await fetchProfile(settings.profileUrl, token.token, { ca: settings.ca });
    return { profile, expiresOnTimestamp: token.expiresOnTimestamp };
  };

  return async (request, response) => {
    const url = new URL(request.url ?? "/", origin);
    const found = sessions.find(request);
    const user = found?.session.user;
    if (request.method !== "GET" && request.method !== "HEAD") {
      send(response, 405, notFoundPage(), { allow: "GET, HEAD" });
      return;
    }
    try {
      switch (url.pathname) {
        case "/":
          send(response, 200, homePage(user));
          return;
        case "/login": {
          if (found) await sessions.destroy(found.id);
          const sign = createAuthorizationRequest({
            tenantId: settings.tenantId,
            clientId: settings.clientId,
            redirectUri: settings.redirectUri,
            scopes: settings.scopes,
            authorityHost: settings.authorityHost,
          });
          /** @type {Session} */
          const session = {
            pending: { state: sign.state, codeVerifier: sign.codeVerifier, nonce: sign.nonce },
            credential: undefined,
            user: undefined,
          };
          redirect(response, sign.url, sessions.save(session, undefined));
          return;
        }
        case "/auth/callback": {
          const pending = found?.session.pending;
          if (!found || !pending) {
            throw new WebAppError(
              "WebApp: no sign-in is in progress in this browser session (it expired, was already used, or cookies are blocked). Start again from the sign-in link.",
              "no_pending_sign_in",
            );
          }
          // One use only: a replayed or forged callback finds nothing to complete.
          found.session.pending = undefined;
          // Throws before anything is redeemed when `state` is not the one this session sent.
          const { code } = readAuthorizationResponse(url, pending.state);
          const credential = credentialFor(code, pending);
          try {
            const { profile } = await callProfile(credential);
            const record = credential.getAuthenticationRecord();
            found.session.credential = credential;
            found.session.user = {
              username: record?.username ?? String(profile.userPrincipalName ?? ""),
              displayName: String(profile.displayName ?? record?.username ?? ""),
            };
          } catch (error) {
            await credential.close();
            throw error;
          }
          redirect(response, "/me", sessions.save(found.session, found.id));
          return;
        }
        case "/me": {
          const credential = found?.session.credential;
          if (!user || !credential) {
            redirect(response, "/");
            return;
          }
          // Served from the credential's cache, or refreshed with its refresh token.
          const { profile, expiresOnTimestamp } = await callProfile(credential);
          const profileUrl = settings.profileUrl;
          send(response, 200, profilePage({ user, profile, profileUrl, expiresOnTimestamp }));
          return;
        }
        case "/logout": {
          const cookie = found ? await sessions.destroy(found.id) : undefined;
          // End the authority's browser session too, or the next sign-in would be silent.
          const logout = new URL(
            `${settings.authorityHost}/${encodeURIComponent(settings.tenantId)}/oauth2/v2.0/logout`,
          );
          logout.searchParams.set("post_logout_redirect_uri", `${origin}/`);
          redirect(response, logout.toString(), cookie);
          return;
        }
        default:
          send(response, 404, notFoundPage());
      }
    } catch (error) {
      send(response, statusOf(error), errorPage(messageOf(error), user));
    }
  };
}

/**
 * @param {ServerResponse} response
 * @param {number} status
 * @param {string} html
 * @param {Record<string, string>} [headers]
 */
function send(response, status, html, headers = {}) {
  response.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
    ...headers,
  });
  response.end(html);
}

/**
 * @param {ServerResponse} response
 * @param {string} location
 * @param {string} [cookie]
 */
function redirect(response, location, cookie) {
  response.writeHead(302, {
    location,
    "cache-control": "no-store",
    ...(cookie === undefined ? {} : { "set-cookie": cookie }),
  });
  response.end();
}

/** @param {unknown} error */
function messageOf(error) {
  // entrakit's errors and WebAppError keep codes, secrets and tokens out of their messages.
  return error instanceof Error ? error.message : "WebApp: the request failed. Sign in again.";
}

/** @param {unknown} error */
function statusOf(error) {
  if (error instanceof WebAppError) return error.statusCode;
  const name = error instanceof Error ? error.name : undefined;
  if (name === "InvalidArgumentError") return 400;
  if (name === "AuthenticationError" || name === "AuthenticationRequiredError") return 401;
  return 500;
}
