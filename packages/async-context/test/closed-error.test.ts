import { describe, expect, it } from "vitest";
import { ClosedError, isClosedError } from "../src/closed-error.js";

const marker = Symbol.for("entrakit.error");

describe("ClosedError", () => {
  it("has the name, code, marker and message shape entrakit errors share", () => {
    const error = new ClosedError("AuthorizationCodeCredential");

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ClosedError");
    expect(error.code).toBe("closed");
    expect((error as unknown as Record<symbol, unknown>)[marker]).toBe(true);
    expect(error.message).toBe(
      "AuthorizationCodeCredential: this credential was closed. Create a new instance to get tokens again.",
    );
  });

  it("keeps the marker out of enumeration and the code in it", () => {
    const error = new ClosedError("X");

    expect(Object.getOwnPropertyDescriptor(error, marker)?.enumerable).toBe(false);
    expect(Object.keys(error)).toContain("code");
  });

  it("keeps a cause", () => {
    const cause = new Error("socket hang up");

    expect(new ClosedError("X", { cause }).cause).toBe(cause);
  });
});

describe("isClosedError", () => {
  it("recognises a ClosedError", () => {
    expect(isClosedError(new ClosedError("X"))).toBe(true);
  });

  it("recognises an object from another copy: the marker and code, not an instance", () => {
    const fromOtherCopy = Object.assign(new Error("X: closed."), {
      name: "ClosedError",
      code: "closed",
      [marker]: true,
    });

    expect(fromOtherCopy).not.toBeInstanceOf(ClosedError);
    expect(isClosedError(fromOtherCopy)).toBe(true);
    expect(isClosedError({ code: "closed", [marker]: true })).toBe(true);
  });

  it("rejects look-alikes without the marker or with another code", () => {
    expect(isClosedError({ name: "ClosedError", code: "closed" })).toBe(false);
    expect(isClosedError({ code: "closed", [marker]: "yes" })).toBe(false);
    expect(isClosedError({ code: "aborted", [marker]: true })).toBe(false);
    expect(isClosedError(new Error("closed"))).toBe(false);
  });

  it.each([null, undefined, "closed", 0, Symbol("closed")])("rejects %s", (value) => {
    expect(isClosedError(value)).toBe(false);
  });
});
