// Offline mode: a local dev authority plus the web app, registered with the authority as its own
// confidential app for the port it actually got, so any number of copies can run side by side.
import { randomBytes, randomUUID } from "node:crypto";
import { defaultTenantId, startDevAuthority } from "@entrakit/dev-authority";
import { startWebApp } from "./web-app.mjs";

/**
 * @typedef {object} DevWebApp
 * @property {import("@entrakit/dev-authority").DevAuthority} authority - the local authority.
 * @property {import("./web-app.mjs").RunningWebApp} app - the web app signed in against it.
 * @property {string} clientId - the app registration made for this run.
 * @property {() => Promise<void>} close - stops both.
 */

/**
 * Starts a dev authority and the web app against it.
 *
 * @param {{ port?: number, authorityPort?: number }} [options] - `port` of the web app (default
 * 3000; 0 picks a free port); `authorityPort` of the authority (default a free port).
 * @returns {Promise<DevWebApp>}
 * @example
 * ```js
 * const { app, close } = await startWithDevAuthority({ port: 0 });
 * console.log(`Open ${app.url} and sign in as alice@contoso.test`);
 * ```
 */
export async function startWithDevAuthority(options = {}) {
  const authority = await startDevAuthority({ port: options.authorityPort ?? 0 });
  try {
    const clientId = randomUUID();
    const clientSecret = randomBytes(24).toString("base64url");
    const app = await startWebApp({
      tenantId: defaultTenantId,
      clientId,
      clientSecret,
      authorityHost: authority.url,
      port: options.port ?? 3000,
      profileUrl: `${authority.url}/v1.0/me`,
      ca: authority.caPem,
      // The local authority is not a known Entra cloud; trust it as given.
      disableInstanceDiscovery: true,
    });
    authority.registerApp({
      clientId,
      clientSecret,
      displayName: "entrakit web app example",
      redirectUris: [app.redirectUri],
    });
    return {
      authority,
      app,
      clientId,
      close: async () => {
        await app.close();
        await authority.close();
      },
    };
  } catch (error) {
    await authority.close();
    throw error;
  }
}
