import { isInvalidArgumentError } from "@entrakit/core";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { base64url, decodeJwtPayload, unsignedJwt } from "../../src/index.js";

const jsonValue = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe("unsignedJwt", () => {
  test("is three base64url segments whose payload decodes to the claims", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), jsonValue), (claims) => {
        const token = unsignedJwt(claims);
        expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
        expect(decodeJwtPayload(token)).toEqual(claims);
      }),
    );
  });

  test("has an RS256 JWT header, with extra header fields merged", () => {
    const [head] = unsignedJwt({}, { kid: "k1" }).split(".");
    expect(JSON.parse(Buffer.from(head!, "base64url").toString())).toEqual({
      alg: "RS256",
      typ: "JWT",
      kid: "k1",
    });
  });

  test("starts with eyJ, so core's redactor recognises it", () => {
    expect(unsignedJwt({ a: 1 }).startsWith("eyJ")).toBe(true);
  });

  test("base64url has no padding or +/ characters", () => {
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        const text = base64url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(Buffer.from(text, "base64url")).toEqual(Buffer.from(bytes));
      }),
    );
  });
});

describe("decodeJwtPayload", () => {
  test.each([
    "not-a-jwt",
    "a.b",
    `x.${Buffer.from("secret-not-json").toString("base64url")}.y`,
    `x.${Buffer.from("42").toString("base64url")}.y`,
  ])("rejects %s without quoting it", (token) => {
    let thrown: unknown;
    try {
      decodeJwtPayload(token);
    } catch (error) {
      thrown = error;
    }
    expect(isInvalidArgumentError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: "invalid_jwt" });
    expect((thrown as Error).message).not.toContain("secret-not-json");
    expect((thrown as Error).cause).toBeUndefined();
  });
});
