import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { recordRequest } from "../../src/network/recorded-request.js";

const fieldName = fc.string({ minLength: 1, maxLength: 12 });

describe("recordRequest", () => {
  test("parses any form body back into its fields", () => {
    fc.assert(
      fc.property(fc.dictionary(fieldName, fc.string({ maxLength: 40 })), (fields) => {
        const body = new URLSearchParams(fields).toString();
        const record = recordRequest(0, "POST", "https://h/t", { body }, undefined);
        expect(record.form).toEqual({ ...fields });
        expect(record.formParams.toString()).toBe(body);
      }),
    );
  });

  test("parses any query string, ignoring the fragment", () => {
    fc.assert(
      fc.property(fc.dictionary(fieldName, fc.string({ maxLength: 40 })), (fields) => {
        const query = new URLSearchParams(fields).toString();
        const record = recordRequest(3, "GET", `https://h/p?${query}#frag`, undefined, 10);
        expect(record.query).toEqual({ ...fields });
        expect(record).toMatchObject({ index: 3, timeout: 10, body: undefined, form: {} });
      }),
    );
  });

  test("keeps repeated form names in formParams; form holds the last value", () => {
    const record = recordRequest(0, "POST", "https://h/t", { body: "a=1&a=2" }, undefined);
    expect(record.formParams.getAll("a")).toEqual(["1", "2"]);
    expect(record.form.a).toBe("2");
  });
});
