import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  CredentialUnavailableError,
  fromMsalError,
  isAuthenticationError,
  isAuthenticationRequiredError,
  isMsalError,
} from "../../src/index.js";

const context = {
  component: "AuthorizationCodeCredential",
  scopes: ["https://vault.azure.net/.default"],
};
const correlationId = "c4f1e2d3-b4a5-4c6d-8e7f-a0b1c2d3e4f5";

/** An object shaped like MSAL's ServerError / InteractionRequiredAuthError. */
function msalError(name: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(String(fields.errorMessage ?? "")), { name, ...fields });
}

describe("isMsalError", () => {
  it("is true for an Error with a string errorCode, false for entrakit errors and plain errors", () => {
    expect(isMsalError(msalError("ServerError", { errorCode: "invalid_grant" }))).toBe(true);
    expect(isMsalError(new Error("x"))).toBe(false);
    expect(isMsalError({ errorCode: "invalid_grant" })).toBe(false);
    expect(isMsalError(new AuthenticationError(400, undefined, { code: "invalid_grant" }))).toBe(
      false,
    );
  });
});

describe("fromMsalError", () => {
  it("passes entrakit errors through unchanged", () => {
    const error = new CredentialUnavailableError("m");

    expect(fromMsalError(error, context)).toBe(error);
  });

  it("turns a server error into AuthenticationError with the Entra fields", () => {
    const error = fromMsalError(
      msalError("ServerError", {
        errorCode: "invalid_grant",
        errorMessage: "AADSTS54005: OAuth2 Authorization code was already redeemed.\r\nTrace ID: x",
        correlationId,
        status: 400,
      }),
      context,
    );

    expect(isAuthenticationError(error)).toBe(true);
    const auth = error as AuthenticationError;
    expect(auth.statusCode).toBe(400);
    expect(auth.code).toBe("invalid_grant");
    expect(auth.errorResponse.errorCodes).toEqual([54005]);
    expect(auth.errorResponse.errorDescription).not.toContain("Trace ID");
    expect(auth.errorResponse.correlationId).toBe(correlationId);
    expect(auth.message).toMatch(
      /^AuthorizationCodeCredential: the authority refused the token request/,
    );
    expect(auth.message).toContain("AADSTS54005");
  });

  it.each(["interaction_required", "login_required", "consent_required"])(
    "turns %s into AuthenticationRequiredError",
    (errorCode) => {
      const error = fromMsalError(
        msalError("ServerError", {
          errorCode,
          errorMessage: "AADSTS50076: MFA needed.",
          claims: "{}",
        }),
        context,
      );

      expect(isAuthenticationRequiredError(error)).toBe(true);
      expect(error.message).toContain("AADSTS50076");
      expect((error as unknown as { scopes: string[] }).scopes).toEqual(context.scopes);
    },
  );

  it("treats a ClientAuthError without status as status 0", () => {
    const error = fromMsalError(
      msalError("ClientAuthError", { errorCode: "network_error" }),
      context,
    );

    expect((error as AuthenticationError).statusCode).toBe(0);
  });

  it("keeps a redacted copy of the MSAL error as cause, never the original", () => {
    const secret = "0.AXkAplanted-code-for-msal-error";
    const original = msalError("ServerError", {
      errorCode: "invalid_grant",
      errorMessage: `Request body: grant_type=authorization_code&code=${secret}`,
      requestBody: `code=${secret}`,
    });

    const error = fromMsalError(original, context);

    expect(error.cause).not.toBe(original);
    expect((error.cause as Error).name).toBe("ServerError");
    expect(inspect(error, { depth: null })).not.toContain(secret);
  });

  it("redacts an unexpected non-MSAL error and a thrown non-Error value", () => {
    const secret = "planted-refresh-token-abcdef";
    const fromError = fromMsalError(new TypeError(`bad refresh_token=${secret}`), context);
    const fromString = fromMsalError(`failed with refresh_token=${secret}`, context);

    for (const error of [fromError, fromString]) {
      expect(isAuthenticationError(error)).toBe(true);
      expect(inspect(error, { depth: null })).not.toContain(secret);
    }
  });
});
