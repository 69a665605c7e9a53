import { describe, expect, it } from "vitest";
import { findIssuedValueLeaks, telltaleFragments } from "../../src/secrets/issued-value-leaks.js";

const jwt = `eyJhbGciOiJSUzI1NiJ9.${"p".repeat(40)}.${"s".repeat(40)}`;
const opaque = `AQABAAEAAA${"x".repeat(30)}ZZZZZZZZZZZZZZZZ`;

const logsWith = (...lines: string[]) => ({ lines });

describe("telltaleFragments", () => {
  it("is the whole value, a JWT's payload and signature, or an opaque value's 16-character ends", () => {
    expect(telltaleFragments(jwt)).toEqual([jwt, "p".repeat(40), "s".repeat(40)]);
    expect(telltaleFragments(opaque)).toEqual([opaque, opaque.slice(0, 16), opaque.slice(-16)]);
    expect(telltaleFragments("short")).toEqual(["short"]);
  });
});

describe("findIssuedValueLeaks", () => {
  it("names each issued value found in a log line or an inspected error, by index only", () => {
    const error = new Error("failed", { cause: { body: `refresh_token=${opaque.slice(-16)}` } });
    const findings = findIssuedValueLeaks(
      [jwt, opaque],
      logsWith("clean line", `payload ${"p".repeat(40)}`),
      [error],
    );
    expect(findings).toEqual(["issued value 0 in log line 2", "issued value 1 in error 1"]);
    expect(findings.join()).not.toContain(opaque);
  });

  it("finds nothing when no fragment appears", () => {
    expect(
      findIssuedValueLeaks([jwt, opaque], logsWith("token acquired"), [new Error("x")]),
    ).toEqual([]);
  });
});
