import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkApiReference,
  exportedNames,
  pageSlug,
  sortWarnings,
} from "../lib/docs-validation.mjs";

describe("exportedNames", () => {
  it("reads every shape a barrel uses", () => {
    const source = `
      // export { Commented } from "./nope";
      /** @example export { AlsoCommented } */
      export { AuthorizationCodeCredential } from "./authorization-code-credential";
      export type { AuthorizationCodeCredentialOptions } from "./options";
      export {
        type AuthorizationRequest,
        createAuthorizationRequest,
        internalName as PublicName,
      } from "./authorization-request";
      export const developerSignOnClientId = "x";
      export declare function helper(): void;
      export interface Shape {}
      export type Alias = string;
      export abstract class Base {}
    `;
    expect(exportedNames(source)).toEqual([
      "Alias",
      "AuthorizationCodeCredential",
      "AuthorizationCodeCredentialOptions",
      "AuthorizationRequest",
      "Base",
      "PublicName",
      "Shape",
      "createAuthorizationRequest",
      "developerSignOnClientId",
      "helper",
    ]);
  });

  it("finds every name of a generated barrel, whatever the layout", () => {
    const identifier = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,12}$/);
    const entry = fc.record({ name: identifier, type: fc.boolean() });
    fc.assert(
      fc.property(
        fc.array(fc.array(entry, { minLength: 1, maxLength: 4 }), { maxLength: 5 }),
        (groups) => {
          const source = groups
            .map(
              (group, i) =>
                `export {\n${group.map((e) => `  ${e.type ? "type " : ""}${e.name},`).join("\n")}\n} from "./m${i}";`,
            )
            .join("\n");
          const expected = [...new Set(groups.flat().map((e) => e.name))].sort();
          expect(exportedNames(source)).toEqual(expected);
        },
      ),
    );
  });
});

describe("pageSlug", () => {
  it("turns a scoped package name into typedoc's file name", () => {
    expect(pageSlug("@entrakit/auth-code")).toBe("_entrakit_auth-code");
    expect(pageSlug("AuthorizationCodeCredential")).toBe("AuthorizationCodeCredential");
  });
});

describe("checkApiReference", () => {
  const packages = [
    { dir: "core", name: "@x/core", exports: ["AuthenticationError", "redact"] },
    { dir: "auth-code", name: "@x/auth-code", exports: ["AuthorizationCodeCredential"] },
  ];
  const authCode = { name: "@x/auth-code", children: [{ name: "AuthorizationCodeCredential" }] };
  const project = {
    children: [
      { name: "@x/core", children: [{ name: "AuthenticationError" }, { name: "redact" }] },
      authCode,
    ],
  };
  const pages = new Set([
    "modules/_x_core.html",
    "modules/_x_auth-code.html",
    "classes/_x_core.AuthenticationError.html",
    "functions/_x_core.redact.html",
    "classes/_x_auth-code.AuthorizationCodeCredential.html",
  ]);
  const entryPoints = ["packages/core", "./packages/auth-code"];

  it("passes a reference with a page per package and per export", () => {
    expect(checkApiReference({ packages, entryPoints, project, pages })).toEqual({
      problems: [],
      unusedExemptions: [],
    });
  });

  it("fails a public package that typedoc.json leaves out", () => {
    const { problems } = checkApiReference({
      packages,
      entryPoints: ["packages/core"],
      project,
      pages,
    });
    expect(problems).toEqual(["typedoc.json: packages/auth-code is public but not in entryPoints"]);
  });

  it("fails a package without its module page", () => {
    const without = new Set([...pages].filter((p) => p !== "modules/_x_auth-code.html"));
    const { problems } = checkApiReference({ packages, entryPoints, project, pages: without });
    expect(problems).toEqual([
      "@x/auth-code has no page in the API reference (modules/_x_auth-code.html)",
    ]);
  });

  it("fails an export that is missing from the reference or has no page", () => {
    const hidden = {
      children: [{ name: "@x/core", children: [{ name: "redact" }] }, authCode],
    };
    const noPage = new Set([...pages].filter((p) => !p.includes("redact")));
    expect(
      checkApiReference({ packages, entryPoints, project: hidden, pages: noPage }).problems,
    ).toEqual([
      "@x/core: AuthenticationError is exported but missing from the API reference",
      "@x/core: redact has no page of its own in the API reference",
    ]);
  });

  it("lets a listed exemption through, and names it once the page exists", () => {
    const hidden = {
      children: [{ name: "@x/core", children: [{ name: "redact" }] }, authCode],
    };
    const exempt = ["@x/core.AuthenticationError"];
    expect(checkApiReference({ packages, entryPoints, project: hidden, pages, exempt })).toEqual({
      problems: [],
      unusedExemptions: [],
    });
    expect(checkApiReference({ packages, entryPoints, project, pages, exempt })).toEqual({
      problems: [],
      unusedExemptions: ["@x/core.AuthenticationError"],
    });
  });
});

describe("sortWarnings", () => {
  const known = [
    { pattern: /^Failed to resolve link to "InvalidArgumentError"/, why: "to fix" },
    { pattern: /^never seen/, why: "stale" },
  ];

  it("separates explained warnings from new ones, ignoring colours and the summary line", () => {
    const log = [
      "\u001b[96m[info]\u001b[0m html generated at /tmp/x",
      '\u001b[93m[warning]\u001b[0m Failed to resolve link to "InvalidArgumentError" in comment for @x/a.A',
      "[warning] Something new happened",
      "[warning] Found 0 errors and 2 warnings",
    ].join("\n");
    const sorted = sortWarnings(log, known);
    expect(sorted.warnings).toHaveLength(2);
    expect(sorted.unexpected).toEqual(["Something new happened"]);
    expect(sorted.unused).toEqual([known[1]]);
  });

  it("finds nothing in a clean log", () => {
    expect(sortWarnings("[info] html generated at /tmp/x\n", []).warnings).toEqual([]);
  });
});
