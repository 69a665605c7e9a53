import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  backoffDelayMs,
  isRetryableFailure,
  isRetryableStatus,
  serverRetryDelayMs,
} from "../src/retry-policy.js";

describe("isRetryableStatus", () => {
  it.each([408, 429, 500, 502, 503, 504, 599])("retries %d", (status) => {
    expect(isRetryableStatus(status)).toBe(true);
  });
  it.each([200, 204, 301, 400, 401, 403, 404, 409, 501, 505])("does not retry %d", (status) => {
    expect(isRetryableStatus(status)).toBe(false);
  });
});

describe("isRetryableFailure", () => {
  it("retries network failures but not certificates, 407, invalid requests or aborts", () => {
    expect(isRetryableFailure("connection_reset", "ECONNRESET")).toBe(true);
    expect(isRetryableFailure("timeout", undefined)).toBe(true);
    expect(isRetryableFailure("proxy", "PROXY_STATUS_502")).toBe(true);
    expect(isRetryableFailure("proxy", "PROXY_STATUS_407")).toBe(false);
    expect(isRetryableFailure("tls_certificate", "CERT_HAS_EXPIRED")).toBe(false);
    expect(isRetryableFailure("invalid_request", undefined)).toBe(false);
    expect(isRetryableFailure("aborted", undefined)).toBe(false);
  });
});

describe("backoffDelayMs", () => {
  it("doubles the jitter ceiling per attempt, capped", () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, 800, 5000, top))).toEqual([
      799, 1599, 3199, 4999, 4999,
    ]);
    expect(backoffDelayMs(3, 800, 5000, () => 0)).toBe(0);
  });

  it("stays in [0, min(max, base * 2^(n-1))) for any random source (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.double({ min: -1, max: 2, noNaN: true }),
        (attempt, base, max, random) => {
          const delay = backoffDelayMs(attempt, base, max, () => random);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(Math.min(max, base * 2 ** (attempt - 1)));
        },
      ),
    );
  });
});

describe("serverRetryDelayMs", () => {
  it("prefers the millisecond headers, then Retry-After", () => {
    expect(serverRetryDelayMs({ "retry-after-ms": "250", "retry-after": "9" }, 0)).toBe(250);
    expect(serverRetryDelayMs({ "x-ms-retry-after-ms": "90" }, 0)).toBe(90);
    expect(serverRetryDelayMs({ "retry-after-ms": "soon", "retry-after": "2" }, 0)).toBe(2000);
    expect(serverRetryDelayMs({}, 0)).toBeUndefined();
  });
});
