import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type * as core from "../../src/index.js";
import {
  AuthenticationError,
  AuthenticationRequiredError,
  CredentialUnavailableError,
  entrakitErrorMarker,
  InvalidArgumentError,
  isAuthenticationError,
  isAuthenticationRequiredError,
  isCredentialUnavailableError,
  isEntrakitError,
  isInvalidArgumentError,
  markEntrakitError,
} from "../../src/index.js";

const marker = Symbol.for("entrakit.error");

const guards = {
  CredentialUnavailableError: isCredentialUnavailableError,
  AuthenticationError: isAuthenticationError,
  AuthenticationRequiredError: isAuthenticationRequiredError,
  InvalidArgumentError: isInvalidArgumentError,
} as const;

describe("the entrakit error marker", () => {
  it("is the registered symbol entrakit.error", () => {
    expect(entrakitErrorMarker).toBe(marker);
  });

  it("markEntrakitError sets the code and the marker", () => {
    const error = new Error("x");
    markEntrakitError(error, "some_code");

    expect(isEntrakitError(error)).toBe(true);
    expect((error as Error & { code: string }).code).toBe("some_code");
  });

  it.each([
    ["null", null],
    ["a string", "AuthenticationError"],
    ["a plain Error", new Error("x")],
    ["a marker that is not true", { [marker]: "true", name: "AuthenticationError" }],
    ["a private symbol of the same description", { [Symbol("entrakit.error")]: true }],
  ])("isEntrakitError rejects %s", (_, value) => {
    expect(isEntrakitError(value)).toBe(false);
  });
});

describe("error guards", () => {
  it.each(Object.entries(guards))(
    "%s: accepts a plain object from a different copy",
    (name, guard) => {
      const fromOtherCopy = { [marker]: true, name, message: "m", code: "x" };

      expect(guard(fromOtherCopy)).toBe(true);
    },
  );

  it.each(Object.entries(guards))("%s: rejects look-alikes", (name, guard) => {
    expect(guard(Object.assign(new Error("m"), { name }))).toBe(false);
    expect(guard({ name, code: "x" })).toBe(false);
    expect(guard({ [marker]: true, name: `${name}X` })).toBe(false);
    expect(guard(undefined)).toBe(false);
  });

  it("tells the four classes apart", () => {
    const errors = {
      CredentialUnavailableError: new CredentialUnavailableError("m"),
      AuthenticationError: new AuthenticationError(400, undefined),
      AuthenticationRequiredError: new AuthenticationRequiredError({ scopes: ["a"] }),
      InvalidArgumentError: new InvalidArgumentError("m", "invalid_option"),
    };
    for (const [guardName, guard] of Object.entries(guards)) {
      for (const [errorName, error] of Object.entries(errors)) {
        expect(guard(error)).toBe(guardName === errorName);
      }
    }
  });

  it("recognise errors from the CommonJS build, where instanceof fails", () => {
    const cjs = createRequire(import.meta.url)("../../dist/index.cjs") as typeof core;
    const error = new cjs.CredentialUnavailableError("m");
    const authError = new cjs.AuthenticationError(401, undefined);

    expect(error).not.toBeInstanceOf(CredentialUnavailableError);
    expect(isCredentialUnavailableError(error)).toBe(true);
    expect(isAuthenticationError(authError)).toBe(true);
    expect(cjs.isCredentialUnavailableError(new CredentialUnavailableError("m"))).toBe(true);
  });
});
