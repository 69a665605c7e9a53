// What one attempt of a request did, for `onAttempt` and for the `attempts` of a thrown error.
// It holds no URL query, header or body, so a record can be logged or shown as is.

/** Why an attempt produced no usable response. */
export type AttemptErrorKind =
  /** The server refused the TCP connection (`ECONNREFUSED`). */
  | "connection_refused"
  /** The connection was reset or closed before a response arrived. */
  | "connection_reset"
  /** The host name did not resolve. */
  | "dns"
  /** The TLS handshake failed for a reason other than the certificate. */
  | "tls_handshake"
  /** The server's certificate was not trusted or did not match the host (never retried). */
  | "tls_certificate"
  /** The proxy refused the CONNECT tunnel or could not be reached. */
  | "proxy"
  /** No complete response arrived within the timeout. */
  | "timeout"
  /** The response ended before its body was complete. */
  | "truncated_body"
  /** The caller's abort signal fired. */
  | "aborted"
  /** The request could not be sent as given (e.g. a control character in a header). */
  | "invalid_request"
  /** Any other network failure. */
  | "network";

/** Why no further attempt followed this one. */
export type AttemptStopReason =
  /** A response that is not worth retrying arrived (2xx, 4xx other than 408/429). */
  | "final_response"
  /** The failure cannot be cured by retrying (e.g. an untrusted certificate). */
  | "not_retryable"
  /** A POST may have reached the server and `retryPostAfterSend` is false. */
  | "post_may_have_reached_server"
  /** MSAL passed its own timeout: a probe whose failure MSAL handles itself. */
  | "probe"
  /** `maxRetries` retries were made. */
  | "max_retries"
  /** A further attempt would have ended after `maxTotalTimeMs`. */
  | "time_budget"
  /** The abort signal fired. */
  | "aborted";

/** One attempt of a request, as reported to `onAttempt` and kept on a thrown error. */
export interface AttemptRecord {
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  readonly attempt: number;
  /** The HTTP method. */
  readonly method: "GET" | "POST";
  /** Scheme, host and path of the URL, without its query string. */
  readonly url: string;
  /** The HTTP status, when a response (even an incomplete one) arrived. */
  readonly status?: number;
  /** Why there was no usable response, when there was none. */
  readonly errorKind?: AttemptErrorKind;
  /** The system error code (`ECONNRESET`, `DEPTH_ZERO_SELF_SIGNED_CERT`), when there was one. */
  readonly errorCode?: string;
  /**
   * Whether the request may have been delivered to (and processed by) the server: true once the
   * connection, including its TLS handshake, was established. When true for a POST that redeems
   * an authorization code, a lost attempt may have spent the code.
   */
  readonly mayHaveReachedServer: boolean;
  /** The delay before the next attempt, in milliseconds; absent when none followed. */
  readonly retryDelayMs?: number;
  /** Why no further attempt followed; absent when one did. */
  readonly stopReason?: AttemptStopReason;
}

/** The diagnostics every error thrown by the transport carries. */
export interface TransportErrorDetails {
  /** Every attempt made, in order. */
  readonly attempts: readonly AttemptRecord[];
  /** True when any attempt may have reached the server. */
  readonly mayHaveReachedServer: boolean;
}

/**
 * Reads the attempt diagnostics from an error thrown by any copy of this package.
 *
 * @param error - Anything caught.
 * @returns The attempts and the summary flag, or `undefined` when `error` did not come from the
 * transport.
 * @example
 * ```ts
 * const details = transportDetailsOf(error);
 * if (details?.mayHaveReachedServer) console.warn("a lost attempt may have spent the code");
 * ```
 */
export function transportDetailsOf(error: unknown): TransportErrorDetails | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { attempts, mayHaveReachedServer } = error as Partial<TransportErrorDetails>;
  if (!Array.isArray(attempts) || typeof mayHaveReachedServer !== "boolean") return undefined;
  return { attempts, mayHaveReachedServer };
}

/** Puts the attempt diagnostics on an error (they hold no secrets, so they stay enumerable). */
export function attachAttempts<E extends Error>(
  error: E,
  attempts: readonly AttemptRecord[],
): E & TransportErrorDetails {
  const copy = Object.freeze([...attempts]);
  Object.defineProperties(error, {
    attempts: { value: copy, enumerable: true },
    mayHaveReachedServer: {
      value: copy.some((record) => record.mayHaveReachedServer),
      enumerable: true,
    },
  });
  return error as E & TransportErrorDetails;
}
