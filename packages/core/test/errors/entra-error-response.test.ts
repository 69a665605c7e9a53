import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aadstsCode, parseEntraErrorResponse } from "../../src/index.js";

const traceId = "2e2d6c7b-9a1f-4b8e-8d3c-5f6a7b8c9d00";
const correlationId = "c4f1e2d3-b4a5-4c6d-8e7f-a0b1c2d3e4f5";
const timestamp = "2025-11-25 11:54:03Z";

// Bodies as Entra's v2.0 token endpoint sends them (description lines joined by "\r\n").
const codeRedeemed = {
  error: "invalid_grant",
  error_description: `AADSTS54005: OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
  error_codes: [54005],
  timestamp,
  error_uri: "https://login.microsoftonline.com/error?code=54005",
};

const codeExpired = {
  error: "invalid_grant",
  error_description: `AADSTS70008: The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
  error_codes: [70008],
  timestamp,
  trace_id: traceId,
  correlation_id: correlationId,
};

const claims =
  '{"access_token":{"capolids":{"essential":true,"values":["b8e1c3a0-6f44-4d2b-9a3c-5e7d1f2a4b6c"]}}}';
const interactionRequired = {
  error: "interaction_required",
  error_description: `AADSTS50079: Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access 'https://vault.azure.net'.\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
  error_codes: [50079],
  timestamp,
  trace_id: traceId,
  correlation_id: correlationId,
  suberror: "basic_action",
  claims,
};

describe("parseEntraErrorResponse: real Entra bodies", () => {
  it("reads AADSTS54005 and takes the ids from the description's Trace ID / Correlation ID lines", () => {
    expect(parseEntraErrorResponse(codeRedeemed)).toEqual({
      error: "invalid_grant",
      errorDescription:
        "AADSTS54005: OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
      errorCodes: [54005],
      timestamp,
      traceId,
      correlationId,
    });
  });

  it("reads AADSTS70008 with ids in their own fields", () => {
    const response = parseEntraErrorResponse(codeExpired);

    expect(response?.errorCodes).toEqual([70008]);
    expect(response?.traceId).toBe(traceId);
    expect(response?.correlationId).toBe(correlationId);
    expect(response?.errorDescription).toMatch(/^AADSTS70008: The provided authorization code/);
    expect(response?.errorDescription).not.toContain("Trace ID");
    expect(aadstsCode(response)).toBe("AADSTS70008");
  });

  it("keeps the claims challenge of interaction_required", () => {
    const response = parseEntraErrorResponse(interactionRequired);

    expect(response?.error).toBe("interaction_required");
    expect(response?.claims).toBe(claims);
    expect(response?.errorCodes).toEqual([50079]);
  });

  it("finds the AADSTS code in the description when error_codes is missing", () => {
    const { error_codes: _, ...withoutCodes } = codeRedeemed;

    expect(parseEntraErrorResponse(withoutCodes)?.errorCodes).toEqual([54005]);
  });

  it("falls back to the description's ids when the id fields are empty strings", () => {
    const response = parseEntraErrorResponse({ ...codeRedeemed, trace_id: "", correlation_id: "" });

    expect(response?.traceId).toBe(traceId);
    expect(response?.correlationId).toBe(correlationId);
  });

  it("ignores ids in the description that are not GUIDs", () => {
    const response = parseEntraErrorResponse({
      error: "invalid_grant",
      error_description: "x\nTrace ID: <script>\nCorrelation ID: not-a-guid",
    });

    expect(response?.traceId).toBeUndefined();
    expect(response?.correlationId).toBeUndefined();
  });

  it("keeps only integer error codes", () => {
    expect(
      parseEntraErrorResponse({ error: "e", error_codes: [1, "2", 3.5, null, 4] })?.errorCodes,
    ).toEqual([1, 4]);
  });

  it("bounds the length of error and description", () => {
    const response = parseEntraErrorResponse({
      error: "e".repeat(1000),
      error_description: "d".repeat(5000),
    });

    expect(response?.error).toHaveLength(200);
    expect(response?.errorDescription).toHaveLength(500);
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["a string", "invalid_grant"],
    ["an array", ["invalid_grant"]],
    ["no error field", { error_description: "x" }],
    ["an empty error", { error: "" }],
    ["a numeric error", { error: 400 }],
  ])("returns undefined for %s", (_, body) => {
    expect(parseEntraErrorResponse(body)).toBeUndefined();
  });

  it("aadstsCode is undefined without codes", () => {
    expect(aadstsCode(undefined)).toBeUndefined();
    expect(aadstsCode({ error: "x", errorDescription: "" })).toBeUndefined();
  });
});

describe("parseEntraErrorResponse: properties", () => {
  const lineBreaks = /[\r\n\u2028\u2029]/;

  it("never throws on any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        parseEntraErrorResponse(value);
      }),
    );
  });

  it("returns a response exactly when error is a non-empty string", () => {
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        { error: fc.jsonValue(), error_description: fc.jsonValue(), error_codes: fc.jsonValue() },
        { requiredKeys: [] },
      ),
      fc.record({ error: fc.string(), error_description: fc.string() }),
    );
    fc.assert(
      fc.property(body, (value) => {
        const expected =
          typeof value === "object" &&
          value !== null &&
          typeof (value as { error?: unknown }).error === "string" &&
          (value as { error: string }).error.length > 0;
        expect(parseEntraErrorResponse(value) !== undefined).toBe(expected);
      }),
    );
  });

  it("never returns a description with a line break", () => {
    const text = fc.string({
      unit: fc.constantFrom("a", " ", "\r", "\n", "\u2028", "\u2029", "x", "AADSTS1", ":"),
    });
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.oneof(text, fc.string({ unit: "binary" })),
        (error, description) => {
          const response = parseEntraErrorResponse({ error, error_description: description });
          expect(response?.errorDescription).toBeDefined();
          expect(response?.errorDescription).not.toMatch(lineBreaks);
        },
      ),
    );
  });

  it("only ever returns GUIDs as trace and correlation ids taken from the description", () => {
    const guidOnly = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    fc.assert(
      fc.property(fc.string(), fc.string(), (trace, correlation) => {
        const response = parseEntraErrorResponse({
          error: "invalid_grant",
          error_description: `x\r\nTrace ID: ${trace}\r\nCorrelation ID: ${correlation}`,
        });
        for (const id of [response?.traceId, response?.correlationId]) {
          if (id !== undefined) expect(id).toMatch(guidOnly);
        }
      }),
    );
  });
});
