// Calls the user's profile API (Microsoft Graph's `/me`, or the dev authority's copy) with an
// access token, over https only, trusting an extra CA when one is configured.
import { request } from "node:https";
import { rootCertificates } from "node:tls";
import { WebAppError } from "./web-app-error.mjs";

/**
 * GETs `url` with `Authorization: Bearer <accessToken>` and returns the JSON object it answers.
 *
 * @param {string} url - an https URL.
 * @param {string} accessToken - sent only in the header; never part of an error.
 * @param {{ ca?: string, timeoutMs?: number }} [options] - `ca`: a PEM CA to trust besides
 * Node's roots (the dev authority's self-signed certificate).
 * @returns {Promise<Record<string, unknown>>}
 * @throws {WebAppError} `profile_request_failed` when the call fails or does not answer 200 JSON.
 */
export function fetchProfile(url, accessToken, options = {}) {
  const ca = options.ca === undefined ? undefined : [...rootCertificates, options.ca];
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    /** @param {string} what @param {unknown} [cause] */
    const fail = (what, cause) =>
      reject(
        new WebAppError(
          `WebApp: the profile API ${what}. Check the profile URL and that the token's scopes include User.Read.`,
          "profile_request_failed",
          { cause, statusCode: 502 },
        ),
      );
    const req = request(
      url,
      {
        method: "GET",
        headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
        ca,
        timeout: timeoutMs,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("error", (error) => fail(`response broke off (${error.message})`));
        res.on("end", () => {
          const parsed = parseJson(body);
          if (res.statusCode !== 200) {
            fail(`answered ${res.statusCode}${graphErrorOf(parsed)}`);
          } else if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
            fail("answered 200 without a JSON object");
          } else {
            resolve(/** @type {Record<string, unknown>} */ (parsed));
          }
        });
      },
    );
    req.on("timeout", () => {
      fail(`did not answer within ${timeoutMs} ms`);
      req.destroy();
    });
    // The network error's message names the host and reason (ECONNREFUSED, certificate), never
    // the request headers, so it is safe to repeat.
    req.on("error", (error) => fail(`could not be reached (${error.message})`, error));
    req.end();
  });
}

/** @param {string} text */
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Graph's error body `{ error: { code, message } }`, as ` (code: message)`.
 * @param {unknown} body
 */
function graphErrorOf(body) {
  const error = /** @type {{ error?: { code?: unknown, message?: unknown } } | undefined} */ (body)
    ?.error;
  if (typeof error?.code !== "string") return "";
  return ` (${error.code}${typeof error.message === "string" ? `: ${error.message}` : ""})`;
}
