import { isAuthenticationError } from "@entrakit/core";
import { describe, expect, it } from "vitest";
import type { AttemptRecord } from "../src/index.js";
import { networkError } from "../src/network-error.js";
import type { AttemptFailure } from "../src/send-attempt.js";

const where = "https://login.test/tenant/oauth2/v2.0/token?[redacted]";

function record(mayHaveReachedServer: boolean): AttemptRecord {
  return {
    attempt: 1,
    method: "POST",
    url: where,
    errorKind: "connection_reset",
    mayHaveReachedServer,
  };
}

const reset: AttemptFailure = {
  kind: "failure",
  errorKind: "connection_reset",
  errorCode: "ECONNRESET",
  message: "socket hang up",
  mayHaveReachedServer: true,
};

describe("networkError", () => {
  it("names the request, the attempts and the last failure, with a redacted cause", () => {
    const error = networkError(reset, [record(false), record(true)], "POST", where);
    expect(isAuthenticationError(error)).toBe(true);
    expect(error.code).toBe("network_error");
    expect(error.statusCode).toBe(0);
    expect(error.message).toBe(
      `Transport: POST ${where} failed after 2 attempts (last: connection reset ECONNRESET: socket hang up). Check the network, any proxy (HTTPS_PROXY, NO_PROXY) and the firewall. An attempt may have reached the server, so a one-time grant such as an authorization code may have been spent.`,
    );
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.cause).toMatchObject({
      name: "NetworkError",
      message: "socket hang up",
      code: "ECONNRESET",
    });
    expect(error.mayHaveReachedServer).toBe(true);
  });

  it("does not warn about a spent grant for a GET or when nothing reached the server", () => {
    expect(networkError(reset, [record(true)], "GET", where).message).not.toContain("spent");
    expect(networkError(reset, [record(false)], "POST", where).message).not.toContain("spent");
  });

  it.each([
    ["timeout", "timeout", "raise timeoutMs"],
    ["tls_certificate", "network_error", "pass its CA in the ca option or NODE_EXTRA_CA_CERTS"],
    ["proxy", "network_error", "Check the proxy"],
    ["dns", "network_error", "Check the authority host name and DNS"],
    ["invalid_request", "network_error", "Check the request headers"],
  ] as const)("gives %s the code %s and its advice", (errorKind, code, advice) => {
    const error = networkError({ ...reset, errorKind }, [record(false)], "GET", where);
    expect(error.code).toBe(code);
    expect(error.message).toContain(advice);
    expect(error.message).toContain("after 1 attempt (");
  });
});
