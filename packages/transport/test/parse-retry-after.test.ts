import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../src/index.js";

const now = Date.UTC(2030, 5, 15, 12, 0, 0);

describe("parseRetryAfter", () => {
  it.each([
    ["0", 0],
    ["7", 7000],
    [" 120 ", 120_000],
    ["Sat, 15 Jun 2030 12:00:05 GMT", 5000],
    ["Saturday, 15-Jun-30 12:00:05 GMT", 5000],
    ["Sat Jun 15 12:00:05 2030", 5000],
    ["Sat Jun  1 12:00:05 2030", 0],
    ["Sat Jun 15 12:00:05 2031", 365 * 86_400_000 + 5000],
    ["Tue, 01 Jan 2030 00:00:00 GMT", 0],
  ])("reads %j as %d ms", (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  it.each([
    undefined,
    "",
    "-1",
    "1.5",
    "soon",
    "1e3",
    "0x10",
    "Sat, 31 Feb 2030 12:00:05 GMT",
    "Sat, 15 Jun 2030 24:00:05 GMT",
    "Sat, 15 Jun 2030 12:00:05 UTC",
    "15 Jun 2030 12:00:05 GMT",
    "2030-06-15T12:00:05Z",
    "9".repeat(400),
  ])("rejects %j", (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });

  it("takes an RFC 850 two-digit year more than 50 years ahead as the past century", () => {
    expect(parseRetryAfter("Sunday, 06-Nov-94 08:49:37 GMT", now)).toBe(0);
  });

  it("reads any whole number of seconds as that many milliseconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (seconds) => {
        expect(parseRetryAfter(String(seconds), now)).toBe(seconds * 1000);
      }),
    );
  });

  it("reads any IMF-fixdate as the time until it, never negative", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date(Date.UTC(1970, 0, 1)),
          max: new Date(Date.UTC(9999, 11, 31)),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        (date, clockNow) => {
          const whole = Math.floor(date.getTime() / 1000) * 1000;
          expect(parseRetryAfter(new Date(whole).toUTCString(), clockNow)).toBe(
            Math.max(0, whole - clockNow),
          );
        },
      ),
    );
  });

  it("never throws and returns undefined or a finite delay for any text", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        (header, clockNow) => {
          const delay = parseRetryAfter(header, clockNow);
          if (delay !== undefined) {
            expect(Number.isFinite(delay)).toBe(true);
            expect(delay).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });
});
