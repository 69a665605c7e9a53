// The rules a package must pass before it is published: version bump and changelog, internal
// dependency ranges, what the tarball holds, entry points, source maps. Pure functions over the
// manifest and the packed file list, so tests can feed them broken packages directly.
import { dirname, join, resolve } from "node:path";
import { isInside } from "./workspace-copy.mjs";

const triple = (version) => /^(\d+)\.(\d+)\.(\d+)/.exec(version)?.slice(1).map(Number);

/** Whether version `a` is greater than version `b` (major.minor.patch only). */
export function isNewer(a, b) {
  const [x, y] = [triple(a), triple(b)];
  for (let i = 0; i < 3; i += 1) if (x[i] !== y[i]) return x[i] > y[i];
  return false;
}

/** `^a.b.c` as npm reads it: 0.0.x pins the patch, 0.x pins the minor, otherwise the major. */
export function caretAllows(range, version) {
  const base = /^\^(\d+\.\d+\.\d+)$/.exec(range)?.[1];
  if (!base) return false;
  const [ma, mi, pa] = triple(base);
  const [va, vi, vp] = triple(version);
  if (isNewer(base, version)) return false;
  if (ma > 0) return va === ma;
  if (mi > 0) return va === 0 && vi === mi;
  return va === 0 && vi === 0 && vp === pa;
}

export const allowedFile =
  /^(dist\/.+|README\.md|CHANGELOG\.md|package\.json|LICEN[CS]E(\.md|\.txt)?)$/;
export const testFile =
  /(^|\/)(test|tests|__tests__|fixtures)\/|\.(test|spec|test-d)\.[cm]?[jt]sx?$/;
const secretName =
  /(^|\/)(\.env(\..*)?|\.npmrc|id_(rsa|ecdsa|ed25519)|.*\.(pem|key|p12|pfx|crt|tgz)|.*(secret|credential|password)s?\.json)$/i;
const privateKeyBlock = /-----BEGIN [A-Z ]*PRIVATE KEY-----\s*[A-Za-z0-9+/=\s]{64,}/;

/**
 * The version moved when a changeset names the package, and the changelog has its section.
 *
 * @param {{ before: string, after: string, namedBy: string[] | undefined, changelog: string }} input
 * @returns {{ status: string, problems: string[] }}
 */
export function checkBump({ before, after, namedBy, changelog }) {
  const problems = [];
  if (namedBy && !isNewer(after, before)) {
    problems.push(`named in ${namedBy.join(", ")} but its version stayed ${after}`);
  }
  if (after !== before && !changelog.includes(`## ${after}`)) {
    problems.push(`CHANGELOG.md has no "## ${after}" section`);
  }
  const status = !namedBy && after === before ? "not released" : "ok";
  return { status: problems.length > 0 ? "FAIL" : status, problems };
}

/**
 * Every internal dependency is public and its range takes the version that will be published.
 *
 * @param {Record<string, any>} manifest
 * @param {Map<string, { version: string, before: string, private: boolean }>} workspace by name
 * @returns {string[]} problems
 */
export function checkInternalRanges(manifest, workspace) {
  const problems = [];
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      const target = workspace.get(dep);
      if (!target) continue;
      if (target.private) {
        problems.push(`${field} has ${dep}, which is private and never published`);
      } else if (!caretAllows(range, target.version)) {
        problems.push(
          `${field}.${dep} is "${range}", which does not allow ${dep}@${target.version}; use "^${target.version}"`,
        );
      } else if (target.version !== target.before && range !== `^${target.version}`) {
        problems.push(`${field}.${dep} is "${range}", not updated to "^${target.version}"`);
      }
    }
  }
  return problems;
}

/**
 * The tarball holds the build, the readme, the changelog and the manifest, and nothing else:
 * no tests, no sources, no key material.
 *
 * @param {string[]} files paths inside the tarball
 * @param {(file: string) => string} readText reads a packed file
 * @returns {string[]} problems
 */
export function checkContents(files, readText) {
  const problems = [];
  for (const required of ["package.json", "README.md", "CHANGELOG.md"]) {
    if (!files.includes(required)) problems.push(`${required} is not in the package`);
  }
  if (!files.some((f) => f.startsWith("dist/"))) {
    problems.push("dist/ is not in the package (not built?)");
  }
  for (const file of files) {
    if (!allowedFile.test(file)) {
      problems.push(
        `${file} would be published (only dist/, README.md, CHANGELOG.md, package.json)`,
      );
    }
    if (testFile.test(file)) problems.push(`${file} looks like a test file`);
    if (secretName.test(file)) problems.push(`${file} looks like a secret or key file`);
    else if (privateKeyBlock.test(readText(file))) problems.push(`${file} holds a private key`);
  }
  return problems;
}

/** Every path the manifest points at: exports (all conditions), main, module, types, bin. */
export function entryTargets(manifest) {
  const out = [];
  const walk = (value) => {
    if (typeof value === "string") out.push(value);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk(manifest.exports);
  for (const field of ["main", "module", "types", "typings", "bin"]) walk(manifest[field]);
  return out.map((target) => target.replace(/^\.\//, ""));
}

/**
 * Every entry point the manifest declares is in the tarball (`*` patterns match at least one).
 *
 * @returns {string[]} problems
 */
export function checkEntryPoints(manifest, files) {
  const problems = [];
  for (const target of entryTargets(manifest)) {
    const escaped = target.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".+");
    const pattern = new RegExp(`^${escaped}$`);
    if (!files.some((f) => pattern.test(f))) {
      problems.push(`${target} (from exports/main/types/bin) is not in the package`);
    }
  }
  return problems;
}

/**
 * Source maps are self-contained: every source resolves inside the package and its text is
 * embedded, so a user's debugger never reaches for a file that was not published.
 *
 * @param {string} packageDir
 * @param {string[]} files
 * @param {(file: string) => string} readText
 * @returns {string[]} problems
 */
export function checkSourceMaps(packageDir, files, readText) {
  const problems = [];
  for (const file of files.filter((f) => f.endsWith(".map"))) {
    const map = JSON.parse(readText(file));
    const mapDir = dirname(join(packageDir, file));
    const outside = (map.sources ?? []).filter(
      (source) => !isInside(resolve(mapDir, map.sourceRoot ?? "", source), packageDir),
    );
    if (outside.length > 0) {
      problems.push(`${file} points outside the package: ${outside.slice(0, 3).join(", ")}`);
    }
    if (map.sourcesContent?.length !== map.sources?.length) {
      problems.push(`${file} lacks sourcesContent`);
    }
  }
  return problems;
}
