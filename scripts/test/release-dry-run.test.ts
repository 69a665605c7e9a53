// Runs the release dry run as `npm run release:dry` does, on a copy of this repository: once as
// it is (every public package must be ready to publish), and with planted faults (each must be
// reported). The API reference and arethetypeswrong are left to their own checks in `npm test`
// (check-docs.test.ts and each package's `check:package`).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../lib/run.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const script = join(root, "scripts", "release-dry-run.mjs");
const minutes = 60_000;

interface PackageReport {
  name: string;
  from: string;
  to: string;
  files: string[];
  checks: Record<string, string>;
}
interface Report {
  ok: boolean;
  problems: string[];
  packages?: PackageReport[];
}

function publicPackages() {
  return readdirSync(join(root, "packages"))
    .filter((dir) => existsSync(join(root, "packages", dir, "package.json")))
    .map((dir) => JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")))
    .filter((manifest) => !manifest.private) as { name: string; version: string }[];
}

/** What the dry run must leave as it was: versions, changelogs, pending changesets. */
function treeState() {
  const changesets = readdirSync(join(root, ".changeset")).filter((f) => f.endsWith(".md"));
  const changelogs = readdirSync(join(root, "packages")).map((dir) => {
    const path = join(root, "packages", dir, "CHANGELOG.md");
    return existsSync(path) ? readFileSync(path, "utf8") : "";
  });
  return {
    versions: publicPackages().map((m) => `${m.name}@${m.version}`),
    changelogs,
    changesets,
  };
}

/** The bump each changeset asks for, the largest per package. */
function requestedBumps() {
  const order = ["patch", "minor", "major"];
  const bumps = new Map<string, string>();
  for (const file of readdirSync(join(root, ".changeset")).filter((f) => f.endsWith(".md"))) {
    const text = readFileSync(join(root, ".changeset", file), "utf8");
    const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? "";
    for (const [, name = "", type = ""] of front.matchAll(/^["']?([^"':]+)["']?\s*:\s*(\w+)/gm)) {
      if (order.indexOf(type) > order.indexOf(bumps.get(name) ?? "")) bumps.set(name, type);
    }
  }
  return bumps;
}

function bumped(version: string, type: string) {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
  if (type === "major") return `${major + 1}.0.0`;
  if (type === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "entrakit-release-test-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function dryRun(name: string, args: string[], inject?: string) {
  const report = join(scratch, `${name}.json`);
  const extra = [];
  if (inject) {
    const module = join(scratch, `${name}.mjs`);
    await writeFile(module, inject);
    extra.push("--inject", module);
  }
  const before = treeState();
  const result = await run(process.execPath, [script, "--json", report, ...args, ...extra], {
    cwd: root,
  });
  const after = treeState();
  expect(after.versions, "the real tree's versions").toEqual(before.versions);
  expect(after.changelogs, "the real tree's changelogs").toEqual(before.changelogs);
  expect(after.changesets, "the real tree's changesets").toEqual(
    expect.arrayContaining(before.changesets),
  );
  const parsed: Report = JSON.parse(await readFile(report, "utf8"));
  return { ...result, report: parsed };
}

const editManifest = `
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
const edit = (dir, name, change) => {
  const path = join(dir, "packages", name, "package.json");
  const manifest = JSON.parse(readFileSync(path, "utf8"));
  change(manifest);
  writeFileSync(path, JSON.stringify(manifest, null, 2));
};
`;

describe("release dry run", () => {
  it(
    "versions every public package and packs exactly what should be published",
    async () => {
      const expected = publicPackages();
      let bumps = requestedBumps();
      let inject: string | undefined;
      if (bumps.size === 0) {
        // Right after a release nothing is pending: rehearse a patch release of everything.
        bumps = new Map(expected.map((m) => [m.name, "patch"]));
        const front = expected.map((m) => `"${m.name}": patch`).join("\n");
        inject = `import { writeFileSync } from "node:fs";
import { join } from "node:path";
export function afterCopy(dir) {
  writeFileSync(join(dir, ".changeset", "rehearsal.md"), ${JSON.stringify(`---\n${front}\n---\n\nRehearsal.\n`)});
}`;
      }
      const { ok, out, report } = await dryRun("clean", ["--skip-docs", "--skip-attw"], inject);
      expect(report.problems, out).toEqual([]);
      expect(ok).toBe(true);

      const packages = new Map(report.packages?.map((p) => [p.name, p]));
      expect([...packages.keys()].sort()).toEqual(expected.map((m) => m.name).sort());
      for (const manifest of expected) {
        const pkg = packages.get(manifest.name)!;
        expect(pkg.from, manifest.name).toBe(manifest.version);
        const bump = bumps.get(manifest.name);
        if (bump) expect(pkg.to, manifest.name).toBe(bumped(manifest.version, bump));
        expect(pkg.files, manifest.name).toEqual(
          expect.arrayContaining([
            "package.json",
            "README.md",
            "CHANGELOG.md",
            "dist/index.js",
            "dist/index.cjs",
            "dist/index.d.ts",
            "dist/index.d.cts",
          ]),
        );
        const stray = pkg.files.filter(
          (f) => !/^(dist\/|README\.md$|CHANGELOG\.md$|package\.json$)/.test(f),
        );
        expect(stray, manifest.name).toEqual([]);
        const leaked = pkg.files.filter((f) => /(^|\/)test\/|\.test\.|(^|\/)src\//.test(f));
        expect(leaked, manifest.name).toEqual([]);
        for (const check of ["contents", "exports", "maps", "deps", "publint"]) {
          expect(`${manifest.name} ${check}: ${pkg.checks[check]}`).toBe(
            `${manifest.name} ${check}: ok`,
          );
        }
      }
    },
    15 * minutes,
  );

  it(
    "reports a missing types file, a published test folder, each in its own package",
    async () => {
      const faults = `${editManifest}
export function afterBuild(dir) {
  edit(dir, "core", (m) => { m.exports["."].import.types = "./dist/missing.d.ts"; });
  edit(dir, "auth-code", (m) => { m.files.push("test"); });
}`;
      const only = "@entrakit/core,@entrakit/auth-code,@entrakit/async-context";
      const { ok, report } = await dryRun("faults", ["--skip-docs", "--only", only], faults);
      expect(ok).toBe(false);
      const problems = report.problems.join("\n");
      expect(problems).toContain(
        "@entrakit/core: dist/missing.d.ts (from exports/main/types/bin) is not in the package",
      );
      expect(problems).toMatch(/@entrakit\/auth-code: test\/\S+ looks like a test file/);
      const checks = Object.fromEntries(report.packages!.map((p) => [p.name, p.checks]));
      expect(checks["@entrakit/core"]).toMatchObject({
        exports: "FAIL",
        publint: "FAIL",
        attw: "FAIL",
      });
      expect(checks["@entrakit/auth-code"]).toMatchObject({ contents: "FAIL", exports: "ok" });
      // The healthy package passes every check, arethetypeswrong included.
      expect(checks["@entrakit/async-context"]).toMatchObject({
        contents: "ok",
        exports: "ok",
        maps: "ok",
        deps: "ok",
        publint: "ok",
        attw: "ok",
      });
    },
    15 * minutes,
  );

  it(
    "stops when changeset version fails",
    async () => {
      const faults = `
import { writeFileSync } from "node:fs";
import { join } from "node:path";
export function afterCopy(dir) {
  writeFileSync(join(dir, ".changeset", "no-such-package.md"), '---\\n"@entrakit/no-such-package": minor\\n---\\n\\nNothing.\\n');
}`;
      const { ok, report } = await dryRun(
        "bad-changeset",
        ["--skip-docs", "--skip-attw", "--only", "@entrakit/core"],
        faults,
      );
      expect(ok).toBe(false);
      expect(report.problems.join("\n")).toMatch(
        /changeset version failed[\s\S]*@entrakit\/no-such-package/,
      );
      expect(report.packages).toBeUndefined();
    },
    15 * minutes,
  );
});
