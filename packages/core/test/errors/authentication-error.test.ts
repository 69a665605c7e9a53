import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  entrakitErrorMarker,
  isAuthenticationError,
  parseEntraErrorResponse,
} from "../../src/index.js";

const correlationId = "8f1d4a52-6c1e-4c0b-9a8e-2f8a7b3c4d5e";
const traceId = "0a4b2c3d-1e2f-4a5b-8c7d-9e0f1a2b3c4d";

describe("AuthenticationError", () => {
  it("has the exact name @azure/identity compares, the marker and a default code", () => {
    const error = new AuthenticationError(400, undefined);

    expect(error.name).toBe("AuthenticationError");
    expect(error.code).toBe("authentication_failed");
    expect(error[entrakitErrorMarker]).toBe(true);
    expect(error).toBeInstanceOf(Error);
    expect(isAuthenticationError(error)).toBe(true);
    expect(error.errorResponse).toEqual({ error: "unknown_error", errorDescription: "" });
  });

  it("takes a code override, a message and a cause", () => {
    const cause = new Error("ECONNRESET");
    const error = new AuthenticationError(0, undefined, {
      code: "network_error",
      message: "Transport: the authority could not be reached. Check the network",
      cause,
    });

    expect(error.code).toBe("network_error");
    expect(error.cause).toBe(cause);
    expect(error.statusCode).toBe(0);
    expect(error.message).toBe("Transport: the authority could not be reached. Check the network");
  });

  it("has no own cause property when none was given", () => {
    expect(Object.hasOwn(new AuthenticationError(500, undefined), "cause")).toBe(false);
  });

  it("names status, error, AADSTS code and correlation id in its message", () => {
    const response = parseEntraErrorResponse({
      error: "invalid_grant",
      error_description: "The code was already redeemed.",
      error_codes: [54005],
      correlation_id: correlationId,
      trace_id: traceId,
    });
    const error = new AuthenticationError(400, response, {
      code: "code_already_redeemed",
      message:
        "AuthorizationCodeCredential: the authorization code was already redeemed. Get a new code",
    });

    expect(error.message).toMatch(
      /^AuthorizationCodeCredential: the authorization code was already redeemed/,
    );
    expect(error.message).toContain("status 400");
    expect(error.message).toContain("invalid_grant");
    expect(error.message).toContain("AADSTS54005");
    expect(error.message).toContain(`correlation id ${correlationId}`);
    expect(error.message).toContain(`trace id ${traceId}`);
    expect(error.statusCode).toBe(400);
    expect(error.errorResponse.errorCodes).toEqual([54005]);
  });

  it("does not repeat the AADSTS code when the description already starts with it", () => {
    const response = parseEntraErrorResponse({
      error: "invalid_grant",
      error_description:
        "AADSTS70008: The provided authorization code or refresh token has expired.",
    });
    const error = new AuthenticationError(400, response);

    expect(error.message.match(/AADSTS70008/g)).toHaveLength(1);
  });

  it("omits the status when no response arrived", () => {
    const error = new AuthenticationError(0, undefined, { message: "X: it failed. Retry" });

    expect(error.message).toBe("X: it failed. Retry");
  });

  it("redacts secrets that sit in an error description, in the message and in inspect()", () => {
    const secret = "Zq8~planted.secret_value-123";
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.c2lnbmF0dXJlLXBsYW50ZWQ";
    const code = "0.AXkAplanted-authorization-code";
    const response = parseEntraErrorResponse({
      error: "invalid_request",
      error_description: `AADSTS50011: The redirect URI 'https://app.example/cb?code=${code}&client_secret=${secret}' does not match. token ${jwt}`,
    });
    const error = new AuthenticationError(400, response);

    for (const text of [error.message, inspect(error, { depth: null }), JSON.stringify(error)]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(jwt);
      expect(text).not.toContain(code);
    }
    expect(error.message).toContain("AADSTS50011");
    expect(error.errorResponse.errorDescription).toContain("[redacted]");
  });

  it("is recognised by the guard only with its marker", () => {
    const lookAlike = Object.assign(new Error("x"), { name: "AuthenticationError" });

    expect(isAuthenticationError(lookAlike)).toBe(false);
  });
});
