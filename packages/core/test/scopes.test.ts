import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkScopes, InvalidArgumentError, resourceOfScope } from "../src/index.js";

function errorOf(scopes: unknown): InvalidArgumentError | undefined {
  try {
    checkScopes(scopes as string[]);
    return undefined;
  } catch (error) {
    return error as InvalidArgumentError;
  }
}

describe("checkScopes", () => {
  it("turns a string into a one-element list and returns a list as is", () => {
    const list = ["https://vault.azure.net/.default", "offline_access"];

    expect(checkScopes("https://vault.azure.net/.default")).toEqual([
      "https://vault.azure.net/.default",
    ]);
    expect(checkScopes(list)).toBe(list);
  });

  it.each([
    ["an empty list", [], "no scope was given"],
    ["an empty string", "", "empty"],
    ["an empty element", ["a", ""], "empty"],
    ["a space", "https://vault.azure.net/.default openid", "whitespace"],
    ["a tab", ["a\tb"], "whitespace"],
    ["a newline", ["a\nb"], "whitespace"],
    ["a non-breaking space", ["a\u00a0b"], "whitespace"],
    ["a NUL", ["a\u0000b"], "control"],
    ["DEL", ["a\u007fb"], "control"],
    ["an escape sequence", ["a\u001b[31m"], "control"],
    ["a number", [42], "number"],
    ["null", [null], "object"],
    ["not a list", 42, "no scope was given"],
  ])("rejects %s with invalid_scope", (_, scopes, mentioned) => {
    const error = errorOf(scopes);

    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error?.code).toBe("invalid_scope");
    expect(error?.message).toMatch(/^Scopes: /);
    expect(error?.message).toContain(mentioned);
  });

  it("quotes the offending scope with control characters escaped", () => {
    const error = errorOf(["ok", "bad\nScopes: forged"]);

    expect(error?.message).toContain('"bad\\nScopes: forged"');
    expect(error?.message).not.toContain("\n");
  });
});

describe("checkScopes: properties", () => {
  const clean = fc.string({ minLength: 1 }).filter((s) => !/[\s\p{Cc}]/u.test(s));
  const bad = fc.constantFrom(
    " ",
    "\t",
    "\n",
    "\r",
    "\u0000",
    "\u007f",
    "\u0085",
    "\u2028",
    "\u3000",
    "\ufeff",
  );

  it("accepts every list of non-empty strings without whitespace or control characters", () => {
    fc.assert(
      fc.property(fc.array(clean, { minLength: 1, maxLength: 5 }), (scopes) => {
        expect(checkScopes(scopes)).toEqual(scopes);
      }),
    );
  });

  it("rejects a list as soon as one scope holds whitespace or a control character", () => {
    fc.assert(
      fc.property(
        fc.array(clean, { minLength: 1, maxLength: 5 }),
        fc.nat(),
        bad,
        fc.nat(),
        (scopes, which, character, at) => {
          const index = which % scopes.length;
          const scope = scopes[index] as string;
          const position = at % (scope.length + 1);
          const broken = [...scopes];
          broken[index] = scope.slice(0, position) + character + scope.slice(position);
          expect(errorOf(broken)?.code).toBe("invalid_scope");
        },
      ),
    );
  });
});

describe("resourceOfScope", () => {
  it.each([
    ["https://vault.azure.net/.default", "https://vault.azure.net"],
    ["https://graph.microsoft.com/User.Read", "https://graph.microsoft.com"],
    ["https://storage.azure.com/user_impersonation", "https://storage.azure.com"],
    [
      "api://04b07795-8ddb-461a-bbee-02f9e1bf7b46/.default",
      "api://04b07795-8ddb-461a-bbee-02f9e1bf7b46",
    ],
    ["https://management.azure.com//.default", "https://management.azure.com/"],
    ["https://vault.azure.net", "https://vault.azure.net"],
    ["openid", "openid"],
    ["offline_access", "offline_access"],
  ])("%s → %s", (scope, resource) => {
    expect(resourceOfScope(scope)).toBe(resource);
  });
});
