/** Why a testkit helper failed. */
export type TestkitErrorCode =
  | "unmatched_request"
  | "responder_exhausted"
  | "invalid_responder"
  | "secret_leaked"
  | "nothing_to_scan"
  | "service_unavailable"
  | "service_start_failed"
  | "service_stop_failed"
  | "no_json_output"
  | "certificate_failed";

/**
 * A failure of a test helper itself: an unscripted request, a leaked secret, a service that
 * could not start. It deliberately carries no entrakit error marker, so code under test never
 * mistakes a test double's failure for one of its own typed errors.
 */
export class TestkitError extends Error {
  /** A stable identifier for assertions (`expect(e).toMatchObject({ code })`). */
  readonly code: TestkitErrorCode;

  /**
   * @param message - `<Component>: <what happened>. <what to do>.`
   * @param code - the stable code.
   * @param options - the underlying `cause`, if any.
   */
  constructor(message: string, code: TestkitErrorCode, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "TestkitError";
    this.code = code;
  }
}
