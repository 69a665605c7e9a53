import { describe, expect, it } from "vitest";
import { InvalidArgumentError, isInvalidArgumentError } from "../../src/index.js";

describe("InvalidArgumentError", () => {
  it("is a RangeError with its own name, the code it was given and the marker", () => {
    const error = new InvalidArgumentError("Scopes: no scope was given.", "invalid_scope");

    expect(error).toBeInstanceOf(RangeError);
    expect(error.name).toBe("InvalidArgumentError");
    expect(error.code).toBe("invalid_scope");
    expect(isInvalidArgumentError(error)).toBe(true);
  });
});
