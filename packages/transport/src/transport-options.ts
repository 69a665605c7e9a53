import type { AbortSignalLike, Clock } from "@entrakit/core";
import type { AttemptRecord } from "./attempt-record.js";
import type { CertificateAuthorities } from "./certificate-authorities.js";
import type { ProxyOptions } from "./proxy-settings.js";

/** Options of {@link createNetworkModule}; every one has a safe default. */
export interface TransportOptions {
  /**
   * How long one attempt may take, connection to last body byte, in milliseconds. MSAL's own
   * `timeout` argument of a GET replaces it.
   * @defaultValue 30000
   */
  timeoutMs?: number;
  /**
   * Retries after the first attempt, for network errors, 408, 429 and 5xx.
   * @defaultValue 3
   */
  maxRetries?: number;
  /**
   * The base of the exponential backoff: retry n waits a random time below
   * `retryDelayMs * 2^(n-1)` (full jitter), unless the server sent `Retry-After`.
   * @defaultValue 800
   */
  retryDelayMs?: number;
  /**
   * The longest wait before a retry, including one asked for with `Retry-After`.
   * @defaultValue 60000
   */
  maxRetryDelayMs?: number;
  /**
   * The time budget of one request with all its retries. A retry starts only when, after its
   * delay, at least 1 s (or `timeoutMs`, if shorter) of the budget remains, and its timeout is
   * cut to what remains, so no attempt ends past the budget.
   * @defaultValue 60000
   */
  maxTotalTimeMs?: number;
  /**
   * Whether a POST is retried after it may have reached the server (a reset after sending, a
   * timeout, 408, 429, 5xx). Set false when a repeat is harmful, e.g. redeeming an
   * authorization code that a lost attempt may already have spent. A POST that never reached
   * the server (refused, DNS, TLS handshake) is always retried.
   * @defaultValue true
   */
  retryPostAfterSend?: boolean;
  /**
   * Aborts every request of this network module; combined with the signal set by
   * {@link runWithAbortSignal}.
   */
  abortSignal?: AbortSignalLike;
  /**
   * The proxy. By default `HTTPS_PROXY`, `https_proxy`, `HTTP_PROXY` or `http_proxy` (first
   * set wins) with `NO_PROXY`/`no_proxy`, read from `env` once; loopback hosts then go direct.
   * `false` ignores the environment.
   */
  proxy?: ProxyOptions | false;
  /**
   * Extra certificate authorities (PEM), added to Node's default roots and
   * `NODE_EXTRA_CA_CERTS`, never replacing them. Certificate verification cannot be disabled.
   */
  ca?: CertificateAuthorities;
  /** Text put before the transport's own User-Agent, e.g. `"my-app/1.2"`. */
  userAgentPrefix?: string;
  /**
   * Called after every attempt, successful or not, with what happened and whether another
   * attempt follows. Exceptions it throws are ignored.
   */
  onAttempt?: (record: AttemptRecord) => void;
  /**
   * Advanced: the clock for backoff waits and the time budget.
   * @defaultValue core's `systemClock`
   */
  clock?: Clock;
  /**
   * Advanced: the random source for jitter, returning values in [0, 1).
   * @defaultValue `Math.random`
   */
  random?: () => number;
  /**
   * Advanced: the environment to read proxy variables and `NODE_EXTRA_CA_CERTS` from, once.
   * @defaultValue `process.env`
   */
  env?: Record<string, string | undefined>;
}

/** The defaults of {@link TransportOptions}. */
export const transportDefaults = Object.freeze({
  timeoutMs: 30_000,
  maxRetries: 3,
  retryDelayMs: 800,
  maxRetryDelayMs: 60_000,
  maxTotalTimeMs: 60_000,
  retryPostAfterSend: true,
});
