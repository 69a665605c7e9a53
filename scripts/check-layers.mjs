// Enforces DESIGN's dependency table: a package may depend only on the @entrakit packages listed
// for it, and no source file reaches into another package's internals (deep imports).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const allowed = {
  core: [],
  "async-context": [],
  transport: ["core"],
  "cache-persistence": ["core"],
  "cache-redis": ["cache-persistence", "core"],
  "auth-code": ["core", "transport", "cache-persistence", "async-context"],
  "shared-cache": ["core", "transport", "cache-persistence", "async-context"],
  identity: [
    "core",
    "async-context",
    "transport",
    "cache-persistence",
    "auth-code",
    "shared-cache",
  ],
  "dev-authority": [],
  cli: ["core", "cache-persistence", "auth-code", "shared-cache", "dev-authority"],
  testkit: ["core"],
};

const problems = [];
for (const name of readdirSync("packages")) {
  const manifest = JSON.parse(readFileSync(join("packages", name, "package.json"), "utf8"));
  if (!(name in allowed)) {
    if (!manifest.private) problems.push(`${name}: published package missing from the layer table`);
    continue;
  }
  const deps = { ...manifest.dependencies, ...manifest.peerDependencies };
  for (const dep of Object.keys(deps)) {
    if (!dep.startsWith("@entrakit/")) continue;
    const target = dep.slice("@entrakit/".length);
    if (!allowed[name].includes(target)) problems.push(`${name}: may not depend on ${dep}`);
  }
  for (const file of walk(join("packages", name))) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/from\s+["'](@entrakit\/[^"']+|\.\.\/\.\.\/[^"']+)["']/g)) {
      const spec = match[1];
      if (/^@entrakit\/[^/]+\/./.test(spec) || /^\.\.\/\.\.\/(packages\/)?[^/]+\/src/.test(spec)) {
        problems.push(`${file}: deep import ${spec}; import the package's public entry point`);
      }
    }
  }
}

function* walk(dir) {
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry === "dist") continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (/\.(ts|mts|cts|mjs|js)$/.test(entry)) yield path;
  }
}

if (problems.length > 0) {
  console.error(`check-layers: ${problems.length} problem(s)\n${problems.join("\n")}`);
  process.exit(1);
}
console.log("check-layers: every package stays in its layer");
