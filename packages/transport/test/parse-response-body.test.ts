import { isAuthenticationError } from "@entrakit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bodyExcerpt,
  maxExcerptLength,
  parseResponseBody,
  type RawResponse,
} from "../src/parse-response-body.js";

const context = { where: "https://login.test/tenant/oauth2/v2.0/token" };

function raw(text: string, extra: Partial<RawResponse> = {}): RawResponse {
  return {
    status: 200,
    headers: { "content-type": "application/json" },
    text,
    complete: true,
    ...extra,
  };
}

function thrown(fn: () => unknown): Error & { code?: string; statusCode?: number } {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  return expect.fail("expected a throw");
}

describe("parseResponseBody", () => {
  it("parses JSON objects and arrays, and reads an empty body as {}", () => {
    expect(parseResponseBody(raw('{"a":1}'), context)).toEqual({ a: 1 });
    expect(parseResponseBody(raw("[1]"), context)).toEqual([1]);
    expect(parseResponseBody(raw(" \n"), context)).toEqual({});
  });

  it.each(["null", "42", '"text"', "true"])(
    "rejects the JSON value %s, which is not an object",
    (text) => {
      const error = thrown(() => parseResponseBody(raw(text), context));
      expect(error.message).toContain("JSON that is not an object");
    },
  );

  it("names the status and content type of a non-JSON body, with a short excerpt", () => {
    const error = thrown(() =>
      parseResponseBody(
        raw("<html><body><h1>Service Unavailable</h1></body></html>", {
          status: 503,
          headers: { "content-type": "text/html; charset=UTF-8" },
        }),
        context,
      ),
    );
    expect(isAuthenticationError(error)).toBe(true);
    expect(error.code).toBe("invalid_response");
    expect(error.statusCode).toBe(503);
    expect(error.message).toBe(
      'Transport: the authority answered status 503 with text/html, not JSON. Check the authority host and any proxy in between; the body starts "Service Unavailable" (status 503)',
    );
  });

  it("says so when the body was cut off, without an excerpt", () => {
    const error = thrown(() =>
      parseResponseBody(
        raw('{"refresh_token":"abc', { complete: false, headers: { "content-length": "90" } }),
        context,
      ),
    );
    expect(error.message).toContain("ended before its body was complete (21 of 90 bytes)");
    expect(error.message).not.toContain("refresh_token");
  });

  it("rejects an oversized body", () => {
    const error = thrown(() => parseResponseBody(raw("{", { oversized: true }), context));
    expect(error.message).toContain("larger than any token endpoint answer");
  });

  it("keeps the raw response on a non-enumerable property", () => {
    const error = thrown(() => parseResponseBody(raw("oops", { status: 502 }), context));
    expect(Object.keys(error)).not.toContain("response");
    expect((error as unknown as { response: unknown }).response).toEqual({
      status: 502,
      headers: { "content-type": "application/json" },
      body: "oops",
    });
  });

  it("uses the request redactor for the excerpt", () => {
    const error = thrown(() =>
      parseResponseBody(raw("<b>echo: hunter2-secret</b>"), {
        ...context,
        redactText: (text) => text.replace("hunter2-secret", "[redacted]"),
      }),
    );
    expect(error.message).toContain('"echo: [redacted]"');
  });

  it("returns any JSON object unchanged (property)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        expect(parseResponseBody(raw(JSON.stringify(value)), context)).toEqual(
          JSON.parse(JSON.stringify(value)),
        );
      }),
    );
  });

  it("throws only invalid_response errors with a short, redacted excerpt for any other text (property)", () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9]{12,20}$/);
    const filler = fc.string({ maxLength: 200 });
    fc.assert(
      fc.property(
        filler,
        secret,
        filler,
        fc.constantFrom("code", "client_secret", "refresh_token"),
        (before, value, after, name) => {
          const text = `<p>${before} ${name}=${value} ${after}`;
          let parsed: unknown;
          try {
            parsed = parseResponseBody(raw(text, { status: 500 }), context);
          } catch (error) {
            expect(isAuthenticationError(error)).toBe(true);
            const message = (error as Error).message;
            expect((error as { code: string }).code).toBe("invalid_response");
            expect(message).not.toContain(`${name}=${value}`);
            const excerpt = /the body starts "([^"]*)"/.exec(message)?.[1] ?? "";
            expect(excerpt.length).toBeLessThanOrEqual(maxExcerptLength);
            return;
          }
          expect(typeof parsed).toBe("object");
        },
      ),
    );
  });
});

describe("bodyExcerpt", () => {
  it("drops markup, scripts and styles, collapses whitespace and cuts to 120 characters", () => {
    const page = `<html><head><style>h1{color:red}</style><script>var x = "<b>";</script></head>
      <body><h1>Bad   Gateway</h1>\n${"word ".repeat(100)}</body></html>`;
    const excerpt = bodyExcerpt(page);
    expect(excerpt.startsWith("Bad Gateway word word")).toBe(true);
    expect(excerpt).toHaveLength(maxExcerptLength);
    expect(excerpt.endsWith("...")).toBe(true);
  });

  it("redacts secrets even when markup hides their shape", () => {
    expect(bodyExcerpt("<pre>code=0.AXkSECRET&state=1</pre>")).toBe("code=[redacted]&state=1");
  });

  it("stays within the limit for any input (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        expect(bodyExcerpt(text).length).toBeLessThanOrEqual(maxExcerptLength);
      }),
    );
  });
});
