// Rehearses a release without publishing anything: copies the working tree to a temporary
// directory, applies the pending changesets there, builds, and checks what `npm publish` would
// ship for every public package. The real tree is never written to.
//
//   node scripts/release-dry-run.mjs [--keep] [--skip-docs] [--skip-attw] [--fresh]
//                                    [--only <name>[,<name>]] [--json <file>] [--inject <module.mjs>]
//
// --keep       leave the copy on disk for inspection
// --skip-docs  skip the API reference check (scripts/check-docs.mjs on the copy)
// --skip-attw  skip arethetypeswrong, for runs next to `check:package`, which runs it on the same
//              files: the bump changes versions and changelogs, never how types resolve
// --fresh      build everything in the copy instead of reusing the repo's turbo cache
// --only       check only these packages (every package is still versioned)
// --json       also write the outcome as JSON to <file>
// --inject     a module whose `afterCopy(dir)` and `afterBuild(dir)` may alter the copy before
//              `changeset version` and before the checks; tests use it to plant faults
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import {
  checkBump,
  checkContents,
  checkEntryPoints,
  checkInternalRanges,
  checkSourceMaps,
} from "./lib/package-checks.mjs";
import { mapPool, run } from "./lib/run.mjs";
import { copyWorkspace, readJson } from "./lib/workspace-copy.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values: args } = parseArgs({
  options: {
    keep: { type: "boolean", default: false },
    "skip-docs": { type: "boolean", default: false },
    "skip-attw": { type: "boolean", default: false },
    fresh: { type: "boolean", default: false },
    only: { type: "string" },
    json: { type: "string" },
    inject: { type: "string" },
  },
});
const started = Date.now();
const timings = {};
const lap = (step, since) => {
  timings[step] = Number(((Date.now() - since) / 1000).toFixed(1));
  return Date.now();
};
const problems = [];
const hooks = args.inject ? await import(pathToFileURL(resolve(args.inject)).href) : {};

let t = Date.now();
const work = copyWorkspace(root);
// On every way out, a crash included.
process.once("exit", () => {
  if (args.keep) console.log(`release-dry-run: the copy is kept at ${work}`);
  else rmSync(work, { recursive: true, force: true });
});
const bin = (name) => join(work, "node_modules", ".bin", name);
t = lap("copy", t);

function finish(code, report = {}) {
  timings.total = Number(((Date.now() - started) / 1000).toFixed(1));
  if (args.json) {
    writeFileSync(
      args.json,
      `${JSON.stringify({ ok: code === 0, problems, timings, ...report })}\n`,
    );
  }
  process.exit(code);
}

async function mustRun(step, command, commandArgs) {
  const result = await run(command, commandArgs, { cwd: work });
  if (!result.ok) {
    problems.push(`${step} failed (exit ${result.status}).\n${result.out.slice(-4000)}`);
    console.error(`release-dry-run: ${problems.at(-1)}`);
    finish(1);
  }
  return result;
}

function workspacePackages() {
  const found = new Map();
  for (const dir of readdirSync(join(work, "packages"))) {
    const path = join(work, "packages", dir, "package.json");
    if (existsSync(path)) found.set(dir, readJson(path));
  }
  return found;
}

await hooks.afterCopy?.(work);

// 1. Build before the bump, whose package.json changes would miss every cache entry. The repo's
// turbo cache is read, never written: a hit is a build of exactly these inputs, so in CI, where
// `npm test` has just built them, this step is a restore.
const before = workspacePackages();
const publicDirs = [...before].filter(([, m]) => !m.private).map(([dir]) => dir);
const only = args.only?.split(",").map((name) => name.trim());
const unknown = (only ?? []).filter((name) => !publicDirs.some((d) => before.get(d).name === name));
if (unknown.length > 0) {
  problems.push(`--only names ${unknown.join(", ")}, which is not a public package here`);
  console.error(`release-dry-run: ${problems[0]}`);
  finish(1);
}
const checkedDirs = publicDirs.filter((dir) => !only || only.includes(before.get(dir).name));
const repoCache = join(root, ".turbo", "cache");
const cacheArgs =
  !args.fresh && existsSync(repoCache) ? [`--cache-dir=${repoCache}`, "--cache=local:r"] : [];
// The docs check reads every public package's declarations through dist/.
const filters = (args["skip-docs"] ? checkedDirs : publicDirs).map(
  (dir) => `--filter=${before.get(dir).name}`,
);
// --continue: one broken package is reported in the table, not allowed to hide the others.
const built = await run(
  bin("turbo"),
  ["run", "build", ...filters, "--continue", "--output-logs=errors-only", ...cacheArgs],
  { cwd: work },
);
if (!built.ok) problems.push(`the build failed (exit ${built.status}).\n${built.out.slice(-4000)}`);
t = lap("build", t);

// 2. The packages the changesets name, then `changeset version`.
const named = new Map();
for (const file of readdirSync(join(work, ".changeset")).filter((f) => f.endsWith(".md"))) {
  const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(work, ".changeset", file), "utf8"));
  for (const [, name, type] of (front?.[1] ?? "").matchAll(/^["']?([^"':]+)["']?\s*:\s*(\w+)/gm)) {
    named.set(name, [...(named.get(name) ?? []), `${file} (${type})`]);
  }
}
if (named.size === 0) problems.push("no pending changesets: nothing would be released");
await mustRun("changeset version", bin("changeset"), ["version"]);
const after = workspacePackages();
const workspace = new Map(
  [...after].map(([dir, m]) => [
    m.name,
    { version: m.version, before: before.get(dir).version, private: Boolean(m.private) },
  ]),
);
t = lap("version", t);

// 3. Rebuild the JavaScript after the bump: a build may bake its version in (transport's
// User-Agent, the CLI's --version). Declarations are kept from step 1: they follow from the
// sources and the dependency names, which a version bump does not change.
const jsHashes = (dir) => {
  const dist = join(work, "packages", dir, "dist");
  if (!existsSync(dist)) return "";
  const hash = createHash("sha256");
  for (const file of readdirSync(dist)
    .filter((f) => /\.[cm]?js$/.test(f))
    .sort()) {
    hash.update(file).update(readFileSync(join(dist, file)));
  }
  return hash.digest("hex");
};
const rebuildJs = 'import("tsup").then((t) => t.build({ dts: false, clean: false, silent: true }))';
const jsChanged = new Map();
await mapPool(checkedDirs, async (dir) => {
  const was = jsHashes(dir);
  const cwd = join(work, "packages", dir);
  const result = await run(process.execPath, ["--input-type=module", "-e", rebuildJs], { cwd });
  if (!result.ok) {
    problems.push(`${after.get(dir).name}: rebuilding after the bump failed.\n${result.out}`);
  }
  jsChanged.set(dir, was !== jsHashes(dir));
});
t = lap("rebuild", t);
await hooks.afterBuild?.(work);

// 4. Checks per package, in parallel: what the tarball would hold, then publint and attw on
// that very tarball.
const tarballs = join(work, ".release-dry-run-tarballs");
mkdirSync(tarballs);

async function checkPackage(dir) {
  const cwd = join(work, "packages", dir);
  // Read again: the manifest on disk is the one npm packs.
  const manifest = readJson(join(cwd, "package.json"));
  const from = before.get(dir).version;
  const row = { package: manifest.name, version: `${from} → ${manifest.version}` };
  const detail = { name: manifest.name, dir, from, to: manifest.version, files: [] };
  const verdict = (column, found) => {
    row[column] = found.length > 0 ? "FAIL" : (row[column] ?? "ok");
    for (const problem of found) problems.push(`${manifest.name}: ${problem}`);
  };
  const readText = (file) => readFileSync(join(cwd, file), "utf8");

  const changelogPath = join(cwd, "CHANGELOG.md");
  const bump = checkBump({
    before: from,
    after: manifest.version,
    namedBy: named.get(manifest.name),
    changelog: existsSync(changelogPath) ? readFileSync(changelogPath, "utf8") : "",
  });
  row.bump = bump.status;
  verdict("bump", bump.problems);
  verdict("deps", checkInternalRanges(manifest, workspace));
  row.js = jsChanged.get(dir) ? "changed" : "same";

  const packed = await run(
    "npm",
    ["pack", "--json", "--ignore-scripts", "--pack-destination", tarballs],
    { cwd },
  );
  let tarball;
  try {
    const [pack] = JSON.parse(packed.stdout);
    detail.files = pack.files.map((f) => f.path).sort();
    tarball = join(tarballs, pack.filename);
    row.files = String(pack.entryCount);
    row.size = `${(pack.size / 1024).toFixed(1)} kB`;
    if (pack.version !== manifest.version) {
      verdict("contents", [`npm would pack version ${pack.version}`]);
    }
  } catch {
    verdict("contents", [`npm pack failed.\n${packed.out}`]);
    return { row, detail };
  }
  verdict("contents", checkContents(detail.files, readText));
  verdict("exports", checkEntryPoints(manifest, detail.files));
  verdict("maps", checkSourceMaps(cwd, detail.files, readText));

  const data = readFileSync(tarball);
  // Linting the tarball itself: publint sees exactly the published files, as attw does.
  const lint = await publint({
    strict: true,
    pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
  });
  const lintErrors = lint.messages.filter((m) => m.type === "error");
  verdict(
    "publint",
    lintErrors.map((m) => `publint --strict: ${formatMessage(m, lint.pkg) ?? m.code}`),
  );
  if (args["skip-attw"]) {
    row.attw = "skipped";
  } else {
    const attw = await run(bin("attw"), [tarball, "--profile", "node16", "--no-color"], { cwd });
    verdict("attw", attw.ok ? [] : [`attw failed.\n${attw.out}`]);
  }
  return { row, detail };
}

const checked = await mapPool(checkedDirs, checkPackage);
t = lap("checks", t);

// 5. The API reference, generated from the copy: every public package and its exports.
let docs = "skipped";
if (!args["skip-docs"]) {
  const result = await run(process.execPath, [join(work, "scripts", "check-docs.mjs")], {
    cwd: work,
  });
  docs = result.ok ? "ok" : "FAIL";
  if (!result.ok) problems.push(`the docs check failed.\n${result.out.slice(-4000)}`);
  t = lap("docs", t);
}

// 6. Report.
const rows = checked.map((c) => c.row);
const columns = [
  "package",
  "version",
  "bump",
  "js",
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
console.log(`\nAPI reference: ${docs}`);
console.log(
  `steps (s): ${Object.entries(timings)
    .map(([step, seconds]) => `${step} ${seconds}`)
    .join(", ")}`,
);
const report = { docs, packages: checked.map((c) => ({ ...c.detail, checks: c.row })) };
if (problems.length > 0) {
  console.error(`\nrelease-dry-run: ${problems.length} problem(s)\n- ${problems.join("\n- ")}`);
  finish(1, report);
}
console.log(`release-dry-run: ${rows.length} package(s) ready to publish`);
finish(0, report);
