import { isAuthenticationError } from "@entrakit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { authenticationErrorFromResponse } from "../src/index.js";

function response(status: number, body: unknown) {
  return { status, headers: { "content-type": "application/json" }, body };
}

describe("authenticationErrorFromResponse", () => {
  it.each([
    [54005, "invalid_grant", "code_already_redeemed"],
    [70008, "invalid_grant", "code_expired"],
    [90002, "invalid_request", "tenant_not_found"],
    [50126, "invalid_grant", "invalid_grant"],
    [7000215, "invalid_client", "invalid_client"],
    [50076, "interaction_required", "authentication_failed"],
  ])("maps AADSTS%d (%s) to %s", (aadsts, error, code) => {
    const result = authenticationErrorFromResponse(
      response(400, {
        error,
        error_description: `AADSTS${aadsts}: something.\r\nTrace ID: 0d6f0c5e-2e3e-4a8e-9b1c-3f0a9e1f2b3c`,
        error_codes: [aadsts],
        correlation_id: "5c1f7a2e-8d4b-4b1e-9a3c-2e6f8d0b1a2c",
      }),
      "AuthorizationCodeCredential",
    );
    expect(isAuthenticationError(result)).toBe(true);
    expect(result.code).toBe(code);
    expect(result.statusCode).toBe(400);
    expect(result.errorResponse).toMatchObject({ error, errorCodes: [aadsts] });
    expect(result.message.startsWith("AuthorizationCodeCredential: ")).toBe(true);
    expect(result.message).toContain(`AADSTS${aadsts}`);
    expect(result.message).toContain("correlation id 5c1f7a2e-8d4b-4b1e-9a3c-2e6f8d0b1a2c");
  });

  it("gives invalid_response when the body holds no Entra error", () => {
    const result = authenticationErrorFromResponse(response(500, { message: "boom" }));
    expect(result.code).toBe("invalid_response");
    expect(result.message).toBe(
      "Transport: the authority answered status 500 without an Entra error in the body. Check the authority host and any proxy in between (status 500)",
    );
  });

  it("keeps the response on a non-enumerable property", () => {
    const given = response(400, { error: "invalid_grant" });
    const result = authenticationErrorFromResponse(given);
    expect(Object.keys(result)).not.toContain("response");
    expect((result as unknown as { response: unknown }).response).toBe(given);
  });

  it("returns an AuthenticationError for any body, redacting form secrets in the description (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 400, max: 599 }),
        fc.oneof(
          fc.jsonValue(),
          fc.record({
            error: fc.string(),
            error_description: fc.string(),
            error_codes: fc.array(fc.integer()),
          }),
        ),
        fc.stringMatching(/^[A-Za-z0-9]{10,20}$/),
        (status, body, secret) => {
          const withSecret =
            typeof body === "object" &&
            body !== null &&
            !Array.isArray(body) &&
            "error_description" in body
              ? {
                  ...body,
                  error_description: `${String(body.error_description)} client_secret=${secret}`,
                }
              : body;
          const result = authenticationErrorFromResponse(response(status, withSecret));
          expect(isAuthenticationError(result)).toBe(true);
          expect(result.statusCode).toBe(status);
          expect(result.message).not.toContain(`client_secret=${secret}`);
        },
      ),
    );
  });
});
