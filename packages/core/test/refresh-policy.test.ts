import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeRefreshAfter,
  refreshBeforeExpiryMs,
  refreshDueAt,
  refreshRetryDelayMs,
} from "../src/index.js";

const t0 = Date.UTC(2030, 0, 1);
const minute = 60_000;
const hour = 60 * minute;

describe("computeRefreshAfter", () => {
  it("has the documented constants", () => {
    expect(refreshBeforeExpiryMs).toBe(5 * minute);
    expect(refreshRetryDelayMs).toBe(30_000);
  });

  it("honours Entra's refresh_in", () => {
    expect(computeRefreshAfter(t0, t0 + 24 * hour, 12 * hour)).toBe(t0 + 12 * hour);
    expect(computeRefreshAfter(t0, t0 + hour, 10 * minute)).toBe(t0 + 10 * minute);
  });

  it("never lets refresh_in push the refresh later than 5 minutes before expiry", () => {
    expect(computeRefreshAfter(t0, t0 + hour, 58 * minute)).toBe(t0 + 55 * minute);
  });

  it("ignores a zero or negative refresh_in", () => {
    expect(computeRefreshAfter(t0, t0 + hour, 0)).toBe(t0 + 55 * minute);
    expect(computeRefreshAfter(t0, t0 + hour, -1)).toBe(t0 + 55 * minute);
  });

  it("refreshes tokens living 2 hours or more at half-life", () => {
    expect(computeRefreshAfter(t0, t0 + 2 * hour)).toBe(t0 + hour);
    expect(computeRefreshAfter(t0, t0 + 24 * hour)).toBe(t0 + 12 * hour);
  });

  it("refreshes shorter tokens 5 minutes before expiry", () => {
    expect(computeRefreshAfter(t0, t0 + 2 * hour - 1)).toBe(t0 + 2 * hour - 1 - 5 * minute);
    expect(computeRefreshAfter(t0, t0 + 75 * minute)).toBe(t0 + 70 * minute);
  });

  it("is never later than 5 minutes before expiry", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 48 * hour }),
        fc.option(fc.integer({ min: -hour, max: 48 * hour }), { nil: undefined }),
        (lifetime, refreshIn) => {
          expect(computeRefreshAfter(t0, t0 + lifetime, refreshIn)).toBeLessThanOrEqual(
            t0 + lifetime - refreshBeforeExpiryMs,
          );
        },
      ),
    );
  });
});

describe("refreshDueAt", () => {
  it("is the refresh time, capped at 5 minutes before expiry", () => {
    expect(
      refreshDueAt({ expiresOnTimestamp: t0 + hour, refreshAfterTimestamp: t0 + 30 * minute }),
    ).toBe(t0 + 30 * minute);
    expect(
      refreshDueAt({ expiresOnTimestamp: t0 + hour, refreshAfterTimestamp: t0 + 2 * hour }),
    ).toBe(t0 + 55 * minute);
    expect(refreshDueAt({ expiresOnTimestamp: t0 + hour })).toBe(t0 + 55 * minute);
  });
});
