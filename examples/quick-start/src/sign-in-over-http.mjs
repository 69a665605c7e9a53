// Stands in for the browser: follows the dev authority's sign-in page over HTTPS (its
// documented `auto=1&user=` shortcut) and returns the URL the browser would be sent back to.
import { request } from "node:https";

/**
 * @param {string} authorizeUrl the URL createAuthorizationRequest built
 * @param {string} username the test user who signs in
 * @param {string} ca the authority's CA certificate (PEM)
 * @returns {Promise<string>} the redirect URL carrying `code` and `state`
 */
export function signInOverHttp(authorizeUrl, username, ca) {
  const url = new URL(authorizeUrl);
  url.searchParams.set("auto", "1");
  url.searchParams.set("user", username);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "GET", ca }, (response) => {
      response.resume();
      const location = response.headers.location;
      if (response.statusCode === 302 && location) resolve(location);
      else reject(new Error(`sign-in page answered ${response.statusCode} without a redirect`));
    });
    req.on("error", reject).end();
  });
}
