import { describe, expect, it } from "vitest";
import {
  AuthenticationRequiredError,
  entrakitErrorMarker,
  isAuthenticationRequiredError,
  isCredentialUnavailableError,
} from "../../src/index.js";

describe("AuthenticationRequiredError", () => {
  it("has the exact name, the marker, a default code and a default message", () => {
    const error = new AuthenticationRequiredError({
      scopes: ["https://graph.microsoft.com/.default"],
    });

    expect(error.name).toBe("AuthenticationRequiredError");
    expect(error.code).toBe("authentication_required");
    expect(error[entrakitErrorMarker]).toBe(true);
    expect(error.scopes).toEqual(["https://graph.microsoft.com/.default"]);
    expect(error.getTokenOptions).toBeUndefined();
    expect(error.message).toMatch(/Sign in again/);
    expect(isAuthenticationRequiredError(error)).toBe(true);
    expect(isCredentialUnavailableError(error)).toBe(false);
  });

  it("keeps the code, message, getTokenOptions and cause it was given", () => {
    const cause = new Error("invalid_grant");
    const getTokenOptions = { tenantId: "contoso.onmicrosoft.com" };
    const error = new AuthenticationRequiredError({
      scopes: ["a"],
      getTokenOptions,
      code: "refresh_token_expired",
      message:
        "AuthorizationCodeCredential: the refresh token expired (AADSTS700082). Sign in again.",
      cause,
    });

    expect(error.code).toBe("refresh_token_expired");
    expect(error.cause).toBe(cause);
    expect(error.getTokenOptions).toBe(getTokenOptions);
    expect(error.message).toContain("AADSTS700082");
  });
});
