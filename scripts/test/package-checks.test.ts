import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  caretAllows,
  checkBump,
  checkContents,
  checkEntryPoints,
  checkInternalRanges,
  checkSourceMaps,
  isNewer,
} from "../lib/package-checks.mjs";

const version = fc
  .tuple(fc.nat(20), fc.nat(20), fc.nat(20))
  .map(([major, minor, patch]) => `${major}.${minor}.${patch}`);
const good = ["package.json", "README.md", "CHANGELOG.md", "dist/index.js", "dist/index.d.ts"];
const noText = () => "";

describe("versions and ranges", () => {
  it("orders versions by major, then minor, then patch", () => {
    expect(isNewer("0.1.0", "0.0.9")).toBe(true);
    expect(isNewer("1.0.0", "0.99.99")).toBe(true);
    expect(isNewer("0.1.0", "0.1.0")).toBe(false);
    fc.assert(fc.property(version, version, (a, b) => !(isNewer(a, b) && isNewer(b, a))));
  });

  it("reads ^ as npm does: 0.0.x pins the patch, 0.x the minor, otherwise the major", () => {
    expect(caretAllows("^0.0.3", "0.0.3")).toBe(true);
    expect(caretAllows("^0.0.3", "0.0.4")).toBe(false);
    expect(caretAllows("^0.1.0", "0.1.7")).toBe(true);
    expect(caretAllows("^0.1.0", "0.2.0")).toBe(false);
    expect(caretAllows("^1.2.0", "1.9.0")).toBe(true);
    expect(caretAllows("^1.2.0", "2.0.0")).toBe(false);
    expect(caretAllows("^1.2.0", "1.1.9")).toBe(false);
    expect(caretAllows("*", "1.0.0")).toBe(false);
    fc.assert(fc.property(version, (v) => caretAllows(`^${v}`, v)));
  });

  it("fails a package a changeset names whose version did not move, or lacks its changelog", () => {
    const stayed = checkBump({
      before: "0.1.0",
      after: "0.1.0",
      namedBy: ["x.md (minor)"],
      changelog: "",
    });
    expect(stayed.status).toBe("FAIL");
    expect(stayed.problems.join()).toContain("its version stayed 0.1.0");
    const noSection = checkBump({
      before: "0.1.0",
      after: "0.2.0",
      namedBy: ["x.md (minor)"],
      changelog: "# pkg\n\n## 0.1.0\n",
    });
    expect(noSection.problems).toEqual(['CHANGELOG.md has no "## 0.2.0" section']);
    expect(
      checkBump({ before: "0.1.0", after: "0.1.0", namedBy: undefined, changelog: "" }).status,
    ).toBe("not released");
    expect(
      checkBump({ before: "0.1.0", after: "0.2.0", namedBy: ["x.md"], changelog: "## 0.2.0" }),
    ).toEqual({ status: "ok", problems: [] });
  });

  it("fails an internal range that misses the published version, or a private dependency", () => {
    const workspace = new Map([
      ["@x/core", { version: "0.2.0", before: "0.1.0", private: false }],
      ["@x/testkit", { version: "0.0.0", before: "0.0.0", private: true }],
    ]);
    const problems = (dependencies: Record<string, string>) =>
      checkInternalRanges({ dependencies }, workspace).join("\n");
    expect(problems({ "@x/core": "^0.2.0", "left-pad": "*" })).toBe("");
    expect(problems({ "@x/core": "^0.1.0" })).toContain('use "^0.2.0"');
    expect(problems({ "@x/testkit": "^0.0.0" })).toContain("private and never published");
  });
});

describe("what the tarball holds", () => {
  it("passes the build, the readme, the changelog and the manifest", () => {
    expect(checkContents(good, noText)).toEqual([]);
  });

  it("names each missing required file", () => {
    expect(checkContents(["package.json", "src/index.ts"], noText)).toEqual([
      "README.md is not in the package",
      "CHANGELOG.md is not in the package",
      "dist/ is not in the package (not built?)",
      "src/index.ts would be published (only dist/, README.md, CHANGELOG.md, package.json)",
    ]);
  });

  it("flags tests, sources and key material", () => {
    const problems = checkContents(
      [...good, "test/a.test.ts", "dist/a.test.js", "dist/.env", "dist/key.pem"],
      noText,
    ).join("\n");
    expect(problems).toContain("test/a.test.ts looks like a test file");
    expect(problems).toContain("dist/a.test.js looks like a test file");
    expect(problems).toContain("dist/.env looks like a secret or key file");
    expect(problems).toContain("dist/key.pem looks like a secret or key file");
  });

  it("flags a private key inside an innocent-looking file", () => {
    const key = `-----BEGIN PRIVATE KEY-----\n${"A".repeat(80)}\n-----END PRIVATE KEY-----`;
    const readText = (file: string) => (file === "dist/index.js" ? `const k = \`${key}\`;` : "");
    expect(checkContents(good, readText)).toEqual(["dist/index.js holds a private key"]);
  });

  it("flags an entry point that is not in the tarball, in any condition", () => {
    const manifest = {
      exports: {
        ".": {
          import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
          require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
        },
        "./package.json": "./package.json",
      },
      main: "./dist/index.cjs",
      bin: { tool: "./dist/cli.js" },
    };
    expect(checkEntryPoints(manifest, good)).toEqual([
      "dist/index.d.cts (from exports/main/types/bin) is not in the package",
      "dist/index.cjs (from exports/main/types/bin) is not in the package",
      "dist/index.cjs (from exports/main/types/bin) is not in the package",
      "dist/cli.js (from exports/main/types/bin) is not in the package",
    ]);
    expect(checkEntryPoints({ exports: { "./*": "./dist/*.js" } }, good)).toEqual([]);
    expect(checkEntryPoints({ exports: { "./*": "./lib/*.js" } }, good)).toHaveLength(1);
  });
});

describe("source maps", () => {
  it("passes maps whose sources stay inside the package and are embedded", () => {
    const map = { sources: ["../src/index.ts"], sourcesContent: ["export {};"] };
    const readText = () => JSON.stringify(map);
    expect(checkSourceMaps("/repo/packages/x", ["dist/index.js.map"], readText)).toEqual([]);
  });

  it("flags a map that points outside the package or lacks its sources' text", () => {
    const map = { sources: ["../../../core/src/index.ts", "../src/a.ts"] };
    const problems = checkSourceMaps("/repo/packages/x", ["dist/index.js.map"], () =>
      JSON.stringify(map),
    );
    expect(problems).toEqual([
      "dist/index.js.map points outside the package: ../../../core/src/index.ts",
      "dist/index.js.map lacks sourcesContent",
    ]);
  });
});
