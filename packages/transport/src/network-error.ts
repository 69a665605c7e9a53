// The error thrown when no response arrived: what failed, how often, and what to check, with
// a redacted cause instead of the socket error (which may hold request details).
import { AuthenticationError } from "@entrakit/core";
import {
  type AttemptRecord,
  attachAttempts,
  type TransportErrorDetails,
} from "./attempt-record.js";
import { component } from "./logger.js";
import type { AttemptFailure } from "./send-attempt.js";

/**
 * Builds the `network_error` (or `timeout`) error for the last failed attempt.
 *
 * @param where - Scheme, host and path of the request, query already redacted.
 */
export function networkError(
  failure: AttemptFailure,
  attempts: readonly AttemptRecord[],
  method: "GET" | "POST",
  where: string,
): AuthenticationError & TransportErrorDetails {
  const count = attempts.length === 1 ? "1 attempt" : `${attempts.length} attempts`;
  const spent =
    method === "POST" && attempts.some((record) => record.mayHaveReachedServer)
      ? " An attempt may have reached the server, so a one-time grant such as an authorization code may have been spent."
      : "";
  const cause = new Error(failure.message);
  cause.name = "NetworkError";
  if (failure.errorCode !== undefined) {
    Object.defineProperty(cause, "code", { value: failure.errorCode, enumerable: true });
  }
  return attachAttempts(
    new AuthenticationError(0, undefined, {
      code: failure.errorKind === "timeout" ? "timeout" : "network_error",
      message: `${component}: ${method} ${where} failed after ${count} (${describeFailure(failure)}). ${advice(failure)}.${spent}`,
      cause,
    }),
    attempts,
  );
}

function describeFailure(failure: AttemptFailure): string {
  const code = failure.errorCode === undefined ? "" : ` ${failure.errorCode}`;
  return `last: ${failure.errorKind.replace(/_/g, " ")}${code}: ${failure.message}`;
}

function advice(failure: AttemptFailure): string {
  switch (failure.errorKind) {
    case "tls_certificate":
      return "The server's certificate is not trusted; pass its CA in the ca option or NODE_EXTRA_CA_CERTS (verification cannot be turned off)";
    case "proxy":
      return "Check the proxy: the proxy option, or HTTPS_PROXY and NO_PROXY";
    case "dns":
      return "Check the authority host name and DNS";
    case "timeout":
      return "Check the network, or raise timeoutMs";
    case "invalid_request":
      return "Check the request headers";
    default:
      return "Check the network, any proxy (HTTPS_PROXY, NO_PROXY) and the firewall";
  }
}
