// The example's own failures (no sign-in in progress, the profile API refused), with a stable
// `code` like entrakit's errors, so the error page and the tests can tell them apart.

/**
 * @typedef {"no_pending_sign_in" | "not_signed_in" | "profile_request_failed"} WebAppErrorCode
 */

/** A failure of the example web app itself; its message is safe to show on a page. */
export class WebAppError extends Error {
  /**
   * @param {string} message - `WebApp: <what happened>. <what to do>.`
   * @param {WebAppErrorCode} code - a stable code for programmatic handling.
   * @param {{ cause?: unknown, statusCode?: number }} [options] - the HTTP status to answer with.
   */
  constructor(message, code, options = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "WebAppError";
    /** @readonly */
    this.code = code;
    /** @readonly */
    this.statusCode = options.statusCode ?? 400;
  }
}
