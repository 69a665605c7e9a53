// Row 4, install footprint: each workspace package a user would install is packed with
// `npm pack`, then the tarballs are installed into a fresh project, offline from the npm cache
// (third-party dependencies such as @azure/msal-node come from there); @azure/identity is
// installed the same way. Measures node_modules with `du`: bytes on disk and apparent bytes.
// When an offline install fails, it is retried online, and the result says so.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const quietNpm = {
  ...process.env,
  npm_config_update_notifier: "false",
  npm_config_fund: "false",
  npm_config_audit: "false",
  npm_config_loglevel: "error",
};

/** The internal packages each install needs (what a registry install would fetch). */
const closures = {
  "@entrakit/auth-code": ["core", "async-context", "transport", "cache-persistence", "auth-code"],
  "@entrakit/identity": [
    "core",
    "async-context",
    "transport",
    "cache-persistence",
    "auth-code",
    "shared-cache",
    "identity",
  ],
};
export const azureIdentitySpec = "@azure/identity@4.13.1";

async function pack(directory, destination) {
  const { stdout } = await run(npm, ["pack", "--json", "--pack-destination", destination], {
    cwd: join(repoRoot, "packages", directory),
    env: quietNpm,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [packed] = JSON.parse(stdout);
  return { name: packed.name, file: join(destination, packed.filename) };
}

async function du(path, flag) {
  const { stdout } = await run("du", ["-s", flag, path]);
  return Number(stdout.split(/\s+/)[0]);
}

/** Counts installed packages: directories holding a package.json under any node_modules. */
async function countPackages(nodeModules) {
  let count = 0;
  const visit = async (dir) => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      if (entry.name.startsWith("@")) {
        await visit(path);
        continue;
      }
      count++;
      await visit(join(path, "node_modules"));
    }
  };
  await visit(nodeModules);
  return count;
}

async function install(root, name, dependencies) {
  const project = join(root, name.replace(/[@/]/g, "_"));
  await mkdir(project, { recursive: true });
  await writeFile(
    join(project, "package.json"),
    JSON.stringify({ name: "footprint", version: "0.0.0", private: true, dependencies }, null, 2),
  );
  const flags = ["install", "--no-audit", "--no-fund", "--no-package-lock"];
  let mode = "offline";
  try {
    await run(npm, [...flags, "--offline"], { cwd: project, env: quietNpm, maxBuffer: 1 << 24 });
  } catch {
    mode = "online (offline install failed)";
    await rm(join(project, "node_modules"), { recursive: true, force: true });
    await run(npm, flags, { cwd: project, env: quietNpm, maxBuffer: 1 << 24 });
  }
  const nodeModules = join(project, "node_modules");
  return {
    name,
    mode,
    diskBytes: await du(nodeModules, "--block-size=1"),
    apparentBytes: await du(nodeModules, "--bytes"),
    packages: await countPackages(nodeModules),
  };
}

/** Packs, installs and measures the three installs. */
export async function benchInstallFootprint() {
  const root = await mkdtemp(join(tmpdir(), "entrakit-bench-install-"));
  try {
    const tarballs = join(root, "tarballs");
    await mkdir(tarballs);
    const packed = new Map();
    for (const directory of closures["@entrakit/identity"]) {
      const { name, file } = await pack(directory, tarballs);
      packed.set(directory, { name, file });
    }
    const results = [];
    for (const [target, directories] of Object.entries(closures)) {
      const dependencies = Object.fromEntries(
        directories.map((d) => [packed.get(d).name, `file:${packed.get(d).file}`]),
      );
      results.push(await install(root, target, dependencies));
    }
    const [azureName, azureVersion] = azureIdentitySpec.split(/(?<=.)@/);
    results.push(await install(root, azureName, { [azureName]: azureVersion }));
    return results;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchInstallFootprint(), null, 2));
}
