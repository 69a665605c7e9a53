import { AuthenticationError } from "@entrakit/core";
import { describe, expect, it } from "vitest";
import { attachAttempts } from "../src/attempt-record.js";
import { type AttemptRecord, transportDetailsOf } from "../src/index.js";

const reset: AttemptRecord = {
  attempt: 1,
  method: "POST",
  url: "https://login.test/token",
  errorKind: "connection_reset",
  mayHaveReachedServer: true,
  retryDelayMs: 10,
};
const refused: AttemptRecord = {
  attempt: 2,
  method: "POST",
  url: "https://login.test/token",
  errorKind: "connection_refused",
  mayHaveReachedServer: false,
  stopReason: "max_retries",
};

describe("attempt diagnostics", () => {
  it("summarises whether any attempt may have reached the server", () => {
    const error = attachAttempts(new AuthenticationError(0, undefined, { code: "network_error" }), [
      refused,
    ]);
    expect(transportDetailsOf(error)).toEqual({ attempts: [refused], mayHaveReachedServer: false });
    const spent = attachAttempts(new AuthenticationError(0, undefined), [reset, refused]);
    expect(transportDetailsOf(spent)?.mayHaveReachedServer).toBe(true);
  });

  it("keeps a frozen copy of the attempts", () => {
    const attempts = [reset];
    const error = attachAttempts(new AuthenticationError(0, undefined), attempts);
    attempts.push(refused);
    expect(error.attempts).toHaveLength(1);
    expect(Object.isFrozen(error.attempts)).toBe(true);
  });

  it("returns undefined for anything else", () => {
    expect(transportDetailsOf(new Error("x"))).toBeUndefined();
    expect(transportDetailsOf(undefined)).toBeUndefined();
    expect(transportDetailsOf({ attempts: "no", mayHaveReachedServer: true })).toBeUndefined();
  });
});
