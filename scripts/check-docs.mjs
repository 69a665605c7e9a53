// Generates the API reference with the repo's typedoc.json into a temporary directory and checks
// it: a page for every public package and for every name its src/index.ts exports, and no
// typedoc warning beyond the known ones listed below. `npm run docs` writes the same pages to
// docs/api/; this check writes nothing inside the repository.
//
//   node scripts/check-docs.mjs [--out <dir>]
//
// --out  write the reference (HTML in <dir>/api, JSON in <dir>/api.json) there and keep it
//
// Needs the public packages built (cross-package types resolve through their dist/):
// `npm run docs:check` builds first.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  checkApiReference,
  listPages,
  publicPackages,
  sortWarnings,
} from "./lib/docs-validation.mjs";
import { run } from "./lib/run.mjs";

/**
 * Warnings that are understood. Each says why it is there; the ones marked "to fix" go away with
 * a change in a package's sources, and this script says so once they no longer occur.
 */
const knownWarnings = [
  {
    pattern:
      /^"@entrakit\/[\w-]+\.GetTokenOptions" links to "[^"]+\.proofOfPossessionOptions\.__type\.\w+" with text "\w+" which exists but does not have a link/,
    why: "@azure/core-auth's own comment on GetTokenOptions (re-exported by core and identity) links members of an inline type, which have no page; typedoc links the option instead",
  },
];

/** Exported names that have no page yet, as `<package>.<name>`, each with the reason. */
const undocumented = [];

async function main() {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const { values: args } = parseArgs({ options: { out: { type: "string" } } });
  const out = args.out ? resolve(args.out) : mkdtempSync(join(tmpdir(), "entrakit-docs-"));
  const started = Date.now();
  try {
    const typedoc = await run(
      join(root, "node_modules", ".bin", "typedoc"),
      ["--out", join(out, "api"), "--json", join(out, "api.json")],
      { cwd: root, env: { NO_COLOR: "1" } },
    );
    const problems = [];
    if (!typedoc.ok) {
      problems.push(`typedoc failed (exit ${typedoc.status}).\n${typedoc.out.slice(-4000)}`);
    } else {
      const { unexpected, unused } = sortWarnings(typedoc.out, knownWarnings);
      for (const warning of unexpected) problems.push(`typedoc warning: ${warning}`);
      for (const entry of unused) {
        console.log(`check-docs: no longer seen, remove from knownWarnings: ${entry.pattern}`);
      }
      const config = JSON.parse(readFileSync(join(root, "typedoc.json"), "utf8"));
      const packages = publicPackages(root);
      const reference = checkApiReference({
        packages,
        entryPoints: config.entryPoints ?? [],
        project: JSON.parse(readFileSync(join(out, "api.json"), "utf8")),
        pages: listPages(join(out, "api")),
        exempt: undocumented.map((entry) => entry.name),
      });
      problems.push(...reference.problems);
      for (const name of reference.unusedExemptions) {
        console.log(`check-docs: ${name} is documented now, remove it from undocumented`);
      }
      if (problems.length === 0) {
        const names = packages.reduce((sum, pkg) => sum + pkg.exports.length, 0);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        console.log(
          `check-docs: ${packages.length} packages and ${names} exported names documented (${seconds} s)`,
        );
      }
    }
    if (problems.length > 0) {
      console.error(`check-docs: ${problems.length} problem(s)\n- ${problems.join("\n- ")}`);
      process.exitCode = 1;
    }
  } finally {
    if (!args.out) rmSync(out, { recursive: true, force: true });
  }
}

await main();
