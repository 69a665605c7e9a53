import { describe, expect, it } from "vitest";
import { accessTokenFromMsalResult, isAuthenticationError } from "../src/index.js";

const now = Date.UTC(2030, 0, 1);
const minute = 60_000;

describe("accessTokenFromMsalResult", () => {
  it("converts a result and computes the refresh time when MSAL gave none", () => {
    const token = accessTokenFromMsalResult(
      { accessToken: "at", expiresOn: new Date(now + 60 * minute), tokenType: "Bearer" },
      now,
      "X",
    );

    expect(token).toEqual({
      token: "at",
      expiresOnTimestamp: now + 60 * minute,
      refreshAfterTimestamp: now + 55 * minute,
      tokenType: "Bearer",
    });
  });

  it("uses MSAL's refreshOn, bounded by the refresh policy", () => {
    const early = accessTokenFromMsalResult(
      {
        accessToken: "at",
        expiresOn: new Date(now + 60 * minute),
        refreshOn: new Date(now + 20 * minute),
      },
      now,
      "X",
    );
    const late = accessTokenFromMsalResult(
      {
        accessToken: "at",
        expiresOn: new Date(now + 60 * minute),
        refreshOn: new Date(now + 59 * minute),
      },
      now,
      "X",
    );

    expect(early.refreshAfterTimestamp).toBe(now + 20 * minute);
    expect(late.refreshAfterTimestamp).toBe(now + 55 * minute);
  });

  it("maps the token type case-insensitively to pop or Bearer", () => {
    const of = (tokenType?: string) =>
      accessTokenFromMsalResult(
        { accessToken: "a", expiresOn: new Date(now + minute), tokenType },
        now,
        "X",
      ).tokenType;

    expect(of("PoP")).toBe("pop");
    expect(of("bearer")).toBe("Bearer");
    expect(of(undefined)).toBe("Bearer");
  });

  it.each([
    ["null", null],
    ["no access token", { accessToken: "", expiresOn: new Date(now) }],
    ["no expiry", { accessToken: "at", expiresOn: null }],
    // What MSAL makes of a non-numeric expires_in: an invalid date.
    ["an unparsable expiry", { accessToken: "at", expiresOn: new Date(Number.NaN) }],
  ])("throws invalid_response for %s", (_, result) => {
    let error: unknown;
    try {
      accessTokenFromMsalResult(result, now, "AuthorizationCodeCredential");
    } catch (e) {
      error = e;
    }

    expect(isAuthenticationError(error)).toBe(true);
    expect((error as { code: string }).code).toBe("invalid_response");
    expect((error as Error).message).toMatch(/^AuthorizationCodeCredential: /);
  });
});
