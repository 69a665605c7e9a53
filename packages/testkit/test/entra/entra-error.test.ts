import { parseEntraErrorResponse } from "@entrakit/core";
import { describe, expect, test } from "vitest";
import { entraError } from "../../src/index.js";

describe("entraError", () => {
  test("is read by core's parser like a real Entra error", () => {
    const response = entraError({
      error: "invalid_grant",
      description: "OAuth2 Authorization code was already redeemed.",
      codes: [54005],
      correlationId: "11111111-1111-4111-8111-111111111111",
      traceId: "22222222-2222-4222-8222-222222222222",
    });
    expect(response.status).toBe(400);
    expect(parseEntraErrorResponse(response.body)).toMatchObject({
      error: "invalid_grant",
      errorDescription: "AADSTS54005: OAuth2 Authorization code was already redeemed.",
      errorCodes: [54005],
      correlationId: "11111111-1111-4111-8111-111111111111",
      traceId: "22222222-2222-4222-8222-222222222222",
    });
  });

  test("writes the trace, correlation and timestamp lines as Entra does", () => {
    const body = entraError({
      codes: [70008],
      now: Date.UTC(2026, 0, 2, 3, 4, 5),
      correlationId: "c",
      traceId: "t",
    }).body!;
    expect(body.error_description.split("\r\n")).toEqual([
      "AADSTS70008: The request could not be completed.",
      "Trace ID: t",
      "Correlation ID: c",
      "Timestamp: 2026-01-02 03:04:05Z",
    ]);
    expect(body.timestamp).toBe("2026-01-02 03:04:05Z");
    expect(body.error_uri).toBe("https://login.microsoftonline.com/error?code=70008");
  });

  test("passes status, headers and claims through", () => {
    const response = entraError({
      error: "interaction_required",
      status: 401,
      claims: '{"access_token":{"nbf":{"essential":true}}}',
      headers: { "retry-after": "5" },
    });
    expect(response.status).toBe(401);
    expect(response.headers).toEqual({ "retry-after": "5" });
    expect(response.body?.claims).toContain("essential");
    expect(response.body?.error_codes).toEqual([]);
    expect(response.body).not.toHaveProperty("error_uri");
  });
});
