import { defineConfig, type Options } from "tsup";
import { packageBuildConfig } from "../../tsup.shared";

// The CLI imports the library through "./index.js" and keeps it external, so dist/cli.js reuses
// dist/index.js instead of carrying a second copy of the authority.
const libraryAsExternal: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "library-as-external",
  setup(build) {
    build.onResolve({ filter: /^\.\/index\.js$/ }, () => ({ path: "./index.js", external: true }));
  },
};

export default [
  // Keep the CLI's files when the library build cleans dist (both builds run in parallel).
  packageBuildConfig({ clean: ["!cli.js", "!cli.js.map"] }),
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
    esbuildPlugins: [libraryAsExternal],
  }),
];
