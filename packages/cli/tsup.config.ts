import { readFileSync } from "node:fs";
import { defineConfig, type Options } from "tsup";
import { packageBuildConfig } from "../../tsup.shared";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
const define = { __ENTRAKIT_CLI_VERSION__: JSON.stringify(version) };

// The bin imports the library through "./index.js" and keeps it external, so dist/cli.js reuses
// dist/index.js instead of carrying a second copy of the commands.
const libraryAsExternal: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "library-as-external",
  setup(build) {
    build.onResolve({ filter: /^\.\/index\.js$/ }, () => ({ path: "./index.js", external: true }));
  },
};

export default [
  // Keep the bin's files when the library build cleans dist (both builds run in parallel).
  packageBuildConfig({ clean: ["!cli.js", "!cli.js.map"], define }),
  defineConfig({
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    dts: false,
    sourcemap: true,
    clean: false,
    target: "node20",
    platform: "node",
    treeshake: false,
    splitting: false,
    define,
    esbuildPlugins: [libraryAsExternal],
  }),
];
