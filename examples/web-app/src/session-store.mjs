// Server-side sessions keyed by a random id in an HttpOnly cookie. The browser never holds the
// PKCE verifier, the credential or any token: only the id, which is replaced at every sign-in
// step so an id planted before sign-in (session fixation) is worthless after it.
import { randomBytes } from "node:crypto";

/** @typedef {import("@entrakit/auth-code").AuthorizationCodeCredential} AuthorizationCodeCredential */
/** @typedef {import("./html.mjs").SignedInUser} SignedInUser */

/**
 * @typedef {object} Session
 * @property {{ state: string, codeVerifier: string, nonce: string } | undefined} pending - the sign-in under
 * way: kept from `/login` until the callback, which uses it once.
 * @property {AuthorizationCodeCredential | undefined} credential - the signed-in user's credential.
 * @property {SignedInUser | undefined} user - who signed in.
 */

const cookieName = "entrakit_example_session";

/** Sessions in memory: enough for one process; a real app would use a shared store. */
export class SessionStore {
  /** @type {Map<string, Session>} */
  #sessions = new Map();
  #maxSessions;
  #secureCookie;

  /**
   * @param {{ maxSessions?: number, secureCookie?: boolean }} [options] - `secureCookie` adds
   * `Secure` (set it when the app is served over https).
   */
  constructor(options = {}) {
    this.#maxSessions = options.maxSessions ?? 1000;
    this.#secureCookie = options.secureCookie ?? false;
  }

  /**
   * The session whose id the request's cookie carries, with that id.
   * @param {import("node:http").IncomingMessage} request
   * @returns {{ id: string, session: Session } | undefined}
   */
  find(request) {
    const id = readCookie(request.headers.cookie, cookieName);
    const session = id === undefined ? undefined : this.#sessions.get(id);
    return id !== undefined && session ? { id, session } : undefined;
  }

  /**
   * Stores `session` under a new id, dropping `previousId`, and returns the `Set-Cookie` value.
   * @param {Session} session
   * @param {string | undefined} previousId
   */
  save(session, previousId) {
    if (previousId !== undefined) this.#sessions.delete(previousId);
    const id = randomBytes(32).toString("base64url");
    this.#sessions.set(id, session);
    // Bounded, oldest first (a Map iterates in insertion order), so abandoned sign-ins cannot
    // grow memory without limit.
    for (const [oldId, old] of this.#sessions) {
      if (this.#sessions.size <= this.#maxSessions) break;
      this.#sessions.delete(oldId);
      void old.credential?.close();
    }
    return this.#cookie(id, "Max-Age=86400");
  }

  /**
   * Forgets the session and closes its credential; returns the `Set-Cookie` value that clears
   * the cookie.
   * @param {string} id
   */
  async destroy(id) {
    const session = this.#sessions.get(id);
    this.#sessions.delete(id);
    await session?.credential?.close();
    return this.#cookie("", "Max-Age=0");
  }

  /** Closes every credential (at shutdown). */
  async clear() {
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    await Promise.all(sessions.map((session) => session.credential?.close()));
  }

  /**
   * @param {string} value
   * @param {string} lifetime
   */
  #cookie(value, lifetime) {
    // SameSite=Lax: the authority's redirect back to the callback is a top-level GET, which
    // still carries the cookie; cross-site subrequests and POSTs do not.
    const secure = this.#secureCookie ? "; Secure" : "";
    return `${cookieName}=${value}; Path=/; HttpOnly; SameSite=Lax; ${lifetime}${secure}`;
  }
}

/**
 * @param {string | undefined} header
 * @param {string} name
 */
function readCookie(header, name) {
  for (const part of (header ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      return part.slice(separator + 1).trim();
    }
  }
  return undefined;
}
