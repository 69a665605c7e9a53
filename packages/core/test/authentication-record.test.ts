import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AuthenticationRecord,
  deserializeAuthenticationRecord,
  InvalidArgumentError,
  serializeAuthenticationRecord,
} from "../src/index.js";

const record: AuthenticationRecord = {
  authority: "login.microsoftonline.com",
  homeAccountId: "0f9e8d7c-6b5a-4f3e-2d1c-0b9a8f7e6d5c.72f988bf-86f1-41af-91ab-2d7cd011db47",
  clientId: "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
  tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
  username: "alice@contoso.com",
};

describe("AuthenticationRecord", () => {
  it("serializes to @azure/identity's JSON shape with version 1.0", () => {
    expect(JSON.parse(serializeAuthenticationRecord(record))).toEqual({
      ...record,
      version: "1.0",
    });
  });

  it("reads what @azure/identity writes (same keys, extra keys ignored)", () => {
    const written = JSON.stringify({ ...record, version: "1.0", extra: true });

    expect(deserializeAuthenticationRecord(written)).toEqual(record);
  });

  it("reads a record without a version, as @azure/identity does", () => {
    expect(deserializeAuthenticationRecord(JSON.stringify(record))).toEqual(record);
  });

  it.each([
    ["not JSON", "{", "not JSON"],
    ["not an object", "42", "not an object"],
    ["another version", JSON.stringify({ ...record, version: "2.0" }), "version"],
    [
      "a missing field",
      JSON.stringify({ ...record, username: undefined, version: "1.0" }),
      "username",
    ],
    ["an empty field", JSON.stringify({ ...record, clientId: "", version: "1.0" }), "clientId"],
  ])("refuses %s with invalid_option", (_, text, mentioned) => {
    let error: unknown;
    try {
      deserializeAuthenticationRecord(text);
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).code).toBe("invalid_option");
    expect((error as Error).message).toContain(mentioned);
  });

  it("round-trips any record of non-empty strings", () => {
    const text = fc.string({ minLength: 1 });
    fc.assert(
      fc.property(
        fc.record({
          authority: text,
          homeAccountId: text,
          clientId: text,
          tenantId: text,
          username: text,
        }),
        (value) => {
          expect(deserializeAuthenticationRecord(serializeAuthenticationRecord(value))).toEqual(
            value,
          );
        },
      ),
    );
  });

  it("never throws anything but InvalidArgumentError for any string", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          try {
            deserializeAuthenticationRecord(text);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidArgumentError);
          }
        },
      ),
    );
  });
});
