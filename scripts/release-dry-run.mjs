// Rehearses a release without publishing anything: copies the working tree to a temporary
// directory, applies the pending changesets there, builds, and checks what `npm publish` would
// ship for every public package. The real tree is never written to.
//
//   node scripts/release-dry-run.mjs [--keep] [--skip-docs]
//
// --keep leaves the copy on disk for inspection; --skip-docs skips the `npm run docs` check.
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = new Set(process.argv.slice(2));
const work = mkdtempSync(join(tmpdir(), "entrakit-release-"));
const bin = (name) => join(work, "node_modules", ".bin", name);
const problems = [];

function run(command, commandArgs, cwd, env = {}) {
  const result = spawnSync(command, commandArgs, {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", ...env },
  });
  return {
    ok: result.status === 0,
    status: result.status,
    out: `${result.stdout}${result.stderr}`,
  };
}

function mustRun(step, command, commandArgs, cwd, env) {
  const result = run(command, commandArgs, cwd, env);
  if (!result.ok) {
    console.error(`release-dry-run: ${step} failed (exit ${result.status}).\n${result.out}`);
    finish(1);
  }
  return result;
}

function finish(code) {
  if (args.has("--keep")) console.log(`release-dry-run: the copy is kept at ${work}`);
  else rmSync(work, { recursive: true, force: true });
  process.exit(code);
}

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
const isInside = (path, dir) => path === dir || path.startsWith(`${dir}${sep}`);

// 1. The copy: tracked and untracked-but-not-ignored files, so uncommitted changesets count,
// while dist/, node_modules/ and caches stay behind.
const listed = mustRun(
  "listing files",
  "git",
  ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
  root,
);
for (const file of listed.out.split("\0").filter(Boolean)) {
  const from = join(root, file);
  if (!existsSync(from) || lstatSync(from).isDirectory()) continue; // deleted, or a submodule
  mkdirSync(dirname(join(work, file)), { recursive: true });
  copyFileSync(from, join(work, file));
}

// node_modules: links to the installed packages, except that workspace links point at the copy,
// so the build and the pack see the bumped versions and never the real tree.
function mirrorModules(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    const source = join(from, entry);
    if (entry.startsWith("@") && lstatSync(source).isDirectory()) {
      mirrorModules(source, join(to, entry));
      continue;
    }
    const real = realpathSync(source);
    const inRepo =
      isInside(real, resolve(root)) && !isInside(real, join(resolve(root), "node_modules"));
    const target = inRepo ? join(work, relative(resolve(root), real)) : real;
    symlinkSync(target, join(to, entry), lstatSync(real).isDirectory() ? "dir" : "file");
  }
}
mirrorModules(join(root, "node_modules"), join(work, "node_modules"));

// changesets reads git to find each changeset's commit for the changelog.
const git = ["-c", "user.name=release-dry-run", "-c", "user.email=release-dry-run@localhost"];
mustRun("git init", "git", ["init", "-q", "-b", "main"], work);
mustRun("git add", "git", [...git, "add", "-A"], work);
mustRun(
  "git commit",
  "git",
  [...git, "-c", "commit.gpgsign=false", "commit", "-qm", "snapshot"],
  work,
);

// 2. Versions before, the packages the changesets name, then `changeset version`.
function workspacePackages() {
  const found = new Map();
  for (const dir of readdirSync(join(work, "packages"))) {
    const path = join(work, "packages", dir, "package.json");
    if (existsSync(path)) found.set(dir, readJson(path));
  }
  return found;
}
const before = workspacePackages();
const named = new Map();
for (const file of readdirSync(join(work, ".changeset")).filter((f) => f.endsWith(".md"))) {
  const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(work, ".changeset", file), "utf8"));
  for (const [, name, type] of (front?.[1] ?? "").matchAll(/^["']?([^"':]+)["']?\s*:\s*(\w+)/gm)) {
    named.set(name, [...(named.get(name) ?? []), `${file} (${type})`]);
  }
}
if (named.size === 0) problems.push("no pending changesets: nothing would be released");
mustRun("changeset version", bin("changeset"), ["version"], work);
const after = workspacePackages();
const versionOf = new Map([...after.values()].map((m) => [m.name, m.version]));
const wasVersion = new Map([...before.values()].map((m) => [m.name, m.version]));
const publicDirs = [...after].filter(([, m]) => !m.private).map(([dir]) => dir);

// 3. Build what would be published, from the copy, after the bump (the build bakes versions in).
const filters = publicDirs.map((dir) => `--filter=${after.get(dir).name}`);
// --continue: one broken package is reported in the table, not allowed to hide the others.
const built = run(
  bin("turbo"),
  ["run", "build", ...filters, "--continue", "--output-logs=errors-only"],
  work,
);
if (!built.ok) problems.push(`the build failed (exit ${built.status}).\n${built.out.slice(-4000)}`);

// 4. Checks per package.
const triple = (v) => /^(\d+)\.(\d+)\.(\d+)/.exec(v)?.slice(1).map(Number);
const newer = (a, b) => {
  const [x, y] = [triple(a), triple(b)];
  for (let i = 0; i < 3; i += 1) if (x[i] !== y[i]) return x[i] > y[i];
  return false;
};
// `^a.b.c` as npm reads it: 0.0.x pins the patch, 0.x pins the minor, otherwise the major.
function caretAllows(range, version) {
  const base = /^\^(\d+\.\d+\.\d+)$/.exec(range)?.[1];
  if (!base) return false;
  const [ma, mi, pa] = triple(base);
  const [va, vi, vp] = triple(version);
  if (newer(base, version)) return false;
  if (ma > 0) return va === ma;
  if (mi > 0) return va === 0 && vi === mi;
  return va === 0 && vi === 0 && vp === pa;
}

const allowedFile = /^(dist\/.+|README\.md|CHANGELOG\.md|package\.json|LICEN[CS]E(\.md|\.txt)?)$/;
const testFile = /(^|\/)(test|tests|__tests__|fixtures)\/|\.(test|spec|test-d)\.[cm]?[jt]sx?$/;
const secretName =
  /(^|\/)(\.env(\..*)?|\.npmrc|id_(rsa|ecdsa|ed25519)|.*\.(pem|key|p12|pfx|crt|tgz)|.*(secret|credential|password)s?\.json)$/i;
const privateKeyBlock = /-----BEGIN [A-Z ]*PRIVATE KEY-----\s*[A-Za-z0-9+/=\s]{64,}/;

function entryTargets(manifest) {
  const out = [];
  const walk = (value) => {
    if (typeof value === "string") out.push(value);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk(manifest.exports);
  for (const field of ["main", "module", "types", "typings", "bin"]) walk(manifest[field]);
  return out.map((t) => t.replace(/^\.\//, ""));
}

function checkPackage(dir) {
  const cwd = join(work, "packages", dir);
  const manifest = after.get(dir);
  const row = {
    package: manifest.name,
    version: `${wasVersion.get(manifest.name)} → ${manifest.version}`,
  };
  const fail = (column, message) => {
    row[column] = "FAIL";
    problems.push(`${manifest.name}: ${message}`);
  };

  // Version and changelog.
  row.bump = "ok";
  const reasons = named.get(manifest.name);
  if (reasons && !newer(manifest.version, wasVersion.get(manifest.name))) {
    fail("bump", `named in ${reasons.join(", ")} but its version stayed ${manifest.version}`);
  } else if (!reasons && manifest.version === wasVersion.get(manifest.name)) {
    row.bump = "not released";
  }
  if (manifest.version !== wasVersion.get(manifest.name)) {
    const changelog = existsSync(join(cwd, "CHANGELOG.md"))
      ? readFileSync(join(cwd, "CHANGELOG.md"), "utf8")
      : "";
    if (!changelog.includes(`## ${manifest.version}`))
      fail("bump", `CHANGELOG.md has no "## ${manifest.version}" section`);
  }

  // Internal dependency ranges.
  row.deps = "ok";
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (!versionOf.has(dep)) continue;
      const target = [...after.values()].find((m) => m.name === dep);
      if (target.private) fail("deps", `${field} has ${dep}, which is private and never published`);
      else if (!caretAllows(range, versionOf.get(dep))) {
        fail(
          "deps",
          `${field}.${dep} is "${range}", which does not allow ${dep}@${versionOf.get(dep)}; use "^${versionOf.get(dep)}"`,
        );
      } else if (versionOf.get(dep) !== wasVersion.get(dep) && range !== `^${versionOf.get(dep)}`) {
        fail("deps", `${field}.${dep} is "${range}", not updated to "^${versionOf.get(dep)}"`);
      }
    }
  }

  // What the tarball holds.
  const packed = run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], cwd);
  let files = [];
  try {
    const [pack] = JSON.parse(packed.out.slice(packed.out.indexOf("[")));
    files = pack.files.map((f) => f.path);
    row.files = String(pack.entryCount);
    row.size = `${(pack.size / 1024).toFixed(1)} kB`;
    if (pack.version !== manifest.version)
      fail("contents", `npm would pack version ${pack.version}`);
  } catch {
    fail("contents", `npm pack --dry-run failed.\n${packed.out}`);
  }
  row.contents = row.contents ?? "ok";
  for (const required of ["package.json", "README.md", "CHANGELOG.md"]) {
    if (!files.includes(required)) fail("contents", `${required} is not in the package`);
  }
  if (!files.some((f) => f.startsWith("dist/")))
    fail("contents", "dist/ is not in the package (not built?)");
  for (const file of files) {
    if (!allowedFile.test(file))
      fail(
        "contents",
        `${file} would be published (only dist/, README.md, CHANGELOG.md, package.json)`,
      );
    if (testFile.test(file)) fail("contents", `${file} looks like a test file`);
    if (secretName.test(file)) fail("contents", `${file} looks like a secret or key file`);
    else if (privateKeyBlock.test(readFileSync(join(cwd, file), "utf8")))
      fail("contents", `${file} holds a private key`);
  }

  row.exports = "ok";
  for (const target of entryTargets(manifest)) {
    const pattern = new RegExp(
      `^${target.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".+")}$`,
    );
    if (!files.some((f) => pattern.test(f)))
      fail("exports", `${target} (from exports/main/types/bin) is not in the package`);
  }

  // Source maps must be self-contained: every source inside the package, its text embedded.
  row.maps = "ok";
  for (const file of files.filter((f) => f.endsWith(".map"))) {
    const map = readJson(join(cwd, file));
    const mapDir = dirname(join(cwd, file));
    const outside = (map.sources ?? []).filter(
      (s) => !isInside(resolve(mapDir, map.sourceRoot ?? "", s), cwd),
    );
    if (outside.length > 0)
      fail("maps", `${file} points outside the package: ${outside.slice(0, 3).join(", ")}`);
    if (map.sourcesContent?.length !== map.sources?.length)
      fail("maps", `${file} lacks sourcesContent`);
  }

  const publint = run(bin("publint"), ["--strict"], cwd);
  row.publint = publint.ok ? "ok" : "FAIL";
  if (!publint.ok) problems.push(`${manifest.name}: publint --strict failed.\n${publint.out}`);
  const attw = run(bin("attw"), ["--pack", ".", "--profile", "node16"], cwd);
  row.attw = attw.ok ? "ok" : "FAIL";
  if (!attw.ok) problems.push(`${manifest.name}: attw --pack failed.\n${attw.out}`);
  return row;
}

const rows = publicDirs.map(checkPackage);

// 5. API reference: every public package is listed, and `npm run docs` works on the copy.
const documented = new Set(
  (readJson(join(work, "typedoc.json")).entryPoints ?? []).map((e) =>
    e.replace(/^(\.\/)?packages\//, ""),
  ),
);
for (const dir of publicDirs) {
  if (!documented.has(dir))
    problems.push(`typedoc.json: packages/${dir} is public but not in entryPoints`);
}
let docs = "skipped";
if (!args.has("--skip-docs")) {
  const result = run("npm", ["run", "docs"], work);
  docs = result.ok && existsSync(join(work, "docs", "api", "index.html")) ? "ok" : "FAIL";
  if (docs === "FAIL")
    problems.push(`npm run docs failed (exit ${result.status}).\n${result.out.slice(-4000)}`);
}

// 6. Report.
const columns = [
  "package",
  "version",
  "bump",
  "files",
  "size",
  "contents",
  "exports",
  "maps",
  "deps",
  "publint",
  "attw",
];
const widths = columns.map((c) =>
  Math.max(c.length, ...rows.map((r) => String(r[c] ?? "").length)),
);
const line = (cells) => `| ${cells.map((c, i) => String(c ?? "").padEnd(widths[i])).join(" | ")} |`;
console.log(line(columns));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of rows) console.log(line(columns.map((c) => row[c])));
console.log(`\nnpm run docs: ${docs}`);
if (problems.length > 0) {
  console.error(`\nrelease-dry-run: ${problems.length} problem(s)\n- ${problems.join("\n- ")}`);
  finish(1);
}
console.log(`release-dry-run: ${rows.length} packages ready to publish`);
finish(0);
