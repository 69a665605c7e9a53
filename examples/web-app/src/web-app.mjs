// Starts the example's http server: checks the options, listens, then works out the redirect
// URI from the actual port (port 0 picks a free one) before the first request is handled.
import { createServer } from "node:http";
import { createRequestHandler } from "./request-handler.mjs";
import { SessionStore } from "./session-store.mjs";

/**
 * @typedef {object} WebAppOptions
 * @property {string} tenantId - the tenant to sign in to (`organizations`/`common` for multi-tenant apps).
 * @property {string} clientId - the app registration's client id.
 * @property {string} clientSecret - the app's client secret (it is a confidential web app).
 * @property {string} [authorityHost] - default `https://login.microsoftonline.com`.
 * @property {string} [redirectUri] - must be registered on the app; its origin is the app's
 * public URL. Default `http://localhost:<port>/auth/callback`.
 * @property {number} [port] - default 3000; 0 picks a free port.
 * @property {string} [hostname] - the address to listen on. Default `127.0.0.1`.
 * @property {string[]} [scopes] - what the access token is for. Default `["User.Read"]`.
 * @property {string} [profileUrl] - the API called with the token. Default Microsoft Graph's `/me`.
 * @property {string} [ca] - an extra CA (PEM) to trust for the authority and the profile API.
 * @property {boolean} [disableInstanceDiscovery] - for local or private-cloud authorities.
 */

/**
 * @typedef {object} RunningWebApp
 * @property {string} url - the app's home page.
 * @property {number} port - the port it listens on.
 * @property {string} redirectUri - the redirect URI it sends to the authority.
 * @property {() => Promise<void>} close - stops the server and closes every credential.
 */

/** Microsoft Entra ID's public cloud. */
export const defaultAuthorityHost = "https://login.microsoftonline.com";
/** Microsoft Graph's profile of the signed-in user. */
export const defaultProfileUrl = "https://graph.microsoft.com/v1.0/me";

/**
 * Starts the web app.
 *
 * @param {WebAppOptions} options
 * @returns {Promise<RunningWebApp>}
 * @throws {TypeError} naming the option that is missing or malformed; the listen error (e.g.
 * `EADDRINUSE`) when the port is taken.
 * @example
 * ```js
 * const app = await startWebApp({ tenantId, clientId, clientSecret, port: 3000 });
 * console.log(`Open ${app.url}`);
 * ```
 */
export async function startWebApp(options) {
  for (const name of /** @type {const} */ (["tenantId", "clientId", "clientSecret"])) {
    const value = options[name];
    if (typeof value !== "string" || value.trim() === "") {
      throw new TypeError(
        `WebApp: ${name} is missing or empty. Pass the app registration's ${name}.`,
      );
    }
  }
  const profileUrl = options.profileUrl ?? defaultProfileUrl;
  if (!URL.canParse(profileUrl) || new URL(profileUrl).protocol !== "https:") {
    // The access token travels in a header: never over plain http.
    throw new TypeError("WebApp: profileUrl is not an https URL. Pass the https URL of the API.");
  }
  if (options.redirectUri !== undefined && !URL.canParse(options.redirectUri)) {
    throw new TypeError("WebApp: redirectUri is not a URL. Pass the URI registered on the app.");
  }

  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 3000, options.hostname ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve(undefined);
    });
  });
  const port = /** @type {import("node:net").AddressInfo} */ (server.address()).port;
  const redirectUri = options.redirectUri ?? `http://localhost:${port}/auth/callback`;
  const origin = new URL(redirectUri).origin;
  const sessions = new SessionStore({ secureCookie: origin.startsWith("https:") });
  const handle = createRequestHandler(
    {
      tenantId: options.tenantId,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      authorityHost: (options.authorityHost ?? defaultAuthorityHost).replace(/\/+$/, ""),
      redirectUri,
      scopes: options.scopes ?? ["User.Read"],
      profileUrl,
      ca: options.ca,
      disableInstanceDiscovery: options.disableInstanceDiscovery ?? false,
    },
    sessions,
  );
  // Attached before the event loop polls for connections again, so no request goes unheard.
  server.on("request", (request, response) => {
    handle(request, response).catch((error) => response.destroy(error));
  });

  return {
    url: `${origin}/`,
    port,
    redirectUri,
    close: async () => {
      await new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      });
      await sessions.clear();
    },
  };
}
