import { describe, expect, it } from "vitest";
import type { AuthenticationError } from "../../src/errors/authentication-error.js";
import type { AuthenticationRequiredError } from "../../src/errors/authentication-required-error.js";
import { fromMsalError } from "../../src/errors/msal-error.js";

// The shape MSAL's ResponseHandler gives a ServerError built from an Entra error body.
function msalServerError(fields: {
  errorCode: string;
  status?: number;
  name?: string;
  description: string;
}) {
  const error = new Error("msal") as Error & Record<string, unknown>;
  error.name = fields.name ?? "ServerError";
  error.errorCode = fields.errorCode;
  error.errorMessage = `Error(s): 54005 - Timestamp: 2026-11-25 12:00:00Z - Description: ${fields.description} - Correlation ID: 11111111-2222-4333-8444-555555555555 - Trace ID: 66666666-7777-4888-9999-000000000000`;
  error.correlationId = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
  if (fields.status !== undefined) error.status = fields.status;
  return error;
}

describe("fromMsalError with MSAL's wrapped server messages", () => {
  it("takes Entra's description, correlation id and trace id out of MSAL's wrapper", () => {
    const mapped = fromMsalError(
      msalServerError({
        errorCode: "invalid_grant",
        status: 400,
        description:
          "AADSTS54005: OAuth2 Authorization code was already redeemed.\r\nTrace ID: x\r\nCorrelation ID: y",
      }),
      { component: "Test", scopes: ["s"] },
    ) as AuthenticationError;
    expect(mapped.errorResponse.errorDescription).toBe(
      "AADSTS54005: OAuth2 Authorization code was already redeemed.",
    );
    expect(mapped.errorResponse.correlationId).toBe("11111111-2222-4333-8444-555555555555");
    expect(mapped.errorResponse.traceId).toBe("66666666-7777-4888-9999-000000000000");
    expect(mapped.errorResponse.errorCodes).toEqual([54005]);
  });

  it("keeps MSAL's status, and gives invalid_client 401 when MSAL has none", () => {
    const withStatus = fromMsalError(
      msalServerError({
        errorCode: "invalid_grant",
        status: 400,
        description: "AADSTS70008: expired.",
      }),
      { component: "Test", scopes: ["s"] },
    ) as AuthenticationError;
    expect(withStatus.statusCode).toBe(400);
    const client = fromMsalError(
      msalServerError({
        errorCode: "invalid_client",
        description: "AADSTS7000215: Invalid client secret.",
      }),
      { component: "Test", scopes: ["s"] },
    ) as AuthenticationError;
    expect(client.statusCode).toBe(401);
  });

  it("keeps the getToken options on an AuthenticationRequiredError", () => {
    const options = { claims: "{}" };
    const mapped = fromMsalError(
      msalServerError({
        errorCode: "interaction_required",
        name: "InteractionRequiredAuthError",
        description: "AADSTS50173: revoked.",
      }),
      { component: "Test", scopes: ["s"], getTokenOptions: options },
    ) as AuthenticationRequiredError;
    expect(mapped.name).toBe("AuthenticationRequiredError");
    expect(mapped.getTokenOptions).toBe(options);
  });
});
