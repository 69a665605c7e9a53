// What the generated API reference must hold: a page per public package and one per name its
// src/index.ts exports, and no typedoc warning beyond the known ones. Pure functions over the
// typedoc JSON, the list of pages and the log, so tests can feed them broken output directly.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** typedoc's file-name rule: letters, digits and `()+,-._` stay, anything else becomes `_`. */
export const pageSlug = (name) => name.replace(/[^\p{L}\p{N}()+,._-]/gu, "_");

/**
 * The public packages under `<root>/packages`, with the names their `src/index.ts` exports.
 *
 * @param {string} root
 * @returns {{ dir: string, name: string, exports: string[] }[]}
 */
export function publicPackages(root) {
  const found = [];
  for (const dir of readdirSync(join(root, "packages")).sort()) {
    const manifestPath = join(root, "packages", dir, "package.json");
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    if (manifest.private) continue;
    const index = join(root, "packages", dir, "src", "index.ts");
    const exports = existsSync(index) ? exportedNames(readFileSync(index, "utf8")) : [];
    found.push({ dir, name: manifest.name, exports });
  }
  return found;
}

/**
 * The names a barrel exports: `export { a, type B, c as d } from "..."`, `export type { E }`,
 * and direct `export const|function|class|interface|type|enum` declarations.
 *
 * @param {string} source
 * @returns {string[]} sorted, without duplicates
 */
export function exportedNames(source) {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  const names = new Set();
  for (const [, list] of code.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const item of list.split(",")) {
      const spec = item.trim().replace(/^type\s+/, "");
      if (!spec) continue;
      names.add(
        spec
          .split(/\s+as\s+/)
          .at(-1)
          .trim(),
      );
    }
  }
  const declaration =
    /export\s+(?:declare\s+)?(?:abstract\s+)?(?:const|let|function\*?|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g;
  for (const [, name] of code.matchAll(declaration)) names.add(name);
  return [...names].sort();
}

/**
 * Problems with a generated reference.
 *
 * @param {object} input
 * @param {{ dir: string, name: string, exports: string[] }[]} input.packages public packages
 * @param {string[]} input.entryPoints typedoc.json's entryPoints
 * @param {{ children?: { name: string, children?: { name: string }[] }[] }} input.project
 *   typedoc's JSON output
 * @param {Set<string>} input.pages every HTML file, relative to the output directory, `/`-separated
 * @param {string[]} [input.exempt] exported names known to lack a page, as `<package>.<name>`
 * @returns {{ problems: string[], unusedExemptions: string[] }}
 */
export function checkApiReference({ packages, entryPoints, project, pages, exempt = [] }) {
  const problems = [];
  const unusedExemptions = new Set(exempt);
  const listed = new Set(entryPoints.map((e) => e.replace(/^(\.\/)?packages\//, "")));
  const pageNames = new Set([...pages].map((page) => page.split("/").at(-1)));
  for (const pkg of packages) {
    if (!listed.has(pkg.dir)) {
      problems.push(`typedoc.json: packages/${pkg.dir} is public but not in entryPoints`);
      continue;
    }
    const module = project.children?.find((child) => child.name === pkg.name);
    const slug = pageSlug(pkg.name);
    if (!module || !pages.has(`modules/${slug}.html`)) {
      problems.push(`${pkg.name} has no page in the API reference (modules/${slug}.html)`);
      continue;
    }
    const documented = new Set((module.children ?? []).map((child) => child.name));
    for (const name of pkg.exports) {
      if (exempt.includes(`${pkg.name}.${name}`)) {
        if (!documented.has(name)) unusedExemptions.delete(`${pkg.name}.${name}`);
        continue;
      }
      if (!documented.has(name)) {
        problems.push(`${pkg.name}: ${name} is exported but missing from the API reference`);
      } else if (!pageNames.has(`${slug}.${pageSlug(name)}.html`)) {
        problems.push(`${pkg.name}: ${name} has no page of its own in the API reference`);
      }
    }
  }
  return { problems, unusedExemptions: [...unusedExemptions] };
}

/**
 * Splits typedoc's log into warnings that a `known` entry explains and warnings nobody has
 * looked at yet, and names the known entries that no longer occur.
 *
 * @param {string} log typedoc's output
 * @param {{ pattern: RegExp, why: string }[]} known
 */
export function sortWarnings(log, known) {
  // check-docs sets NO_COLOR; colours are stripped anyway for logs captured another way.
  const plain = log.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), "");
  const warnings = plain
    .split("\n")
    .map((line) => /^\[warning\]\s+(.*)$/.exec(line.trim())?.[1])
    .filter((message) => message && !/^Found \d+ errors? and \d+ warnings?$/.test(message));
  const used = new Set();
  const unexpected = [];
  for (const warning of warnings) {
    const entry = known.find((k) => k.pattern.test(warning));
    if (entry) used.add(entry);
    else unexpected.push(warning);
  }
  return { warnings, unexpected, unused: known.filter((k) => !used.has(k)) };
}

/**
 * Every file under `dir`, relative and `/`-separated.
 *
 * @param {string} dir
 * @returns {Set<string>}
 */
export function listPages(dir) {
  const pages = new Set();
  const walk = (sub) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const path = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".html")) pages.add(path);
    }
  };
  walk("");
  return pages;
}
