import { defineConfig, type Options } from "tsup";

/**
 * One build shape for every package: a single entry bundled to ESM and CJS with `.d.ts`/`.d.cts`,
 * so each package has exactly one CJS entry (several entries duplicate shared code in CJS).
 */
export function packageBuildConfig(overrides: Options = {}) {
  return defineConfig({
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    platform: "node",
    treeshake: true,
    splitting: false,
    ...overrides,
  });
}

/**
 * The build of a package that also ships a command-line entry (`src/cli.ts` → `dist/cli.js`):
 * the library as {@link packageBuildConfig} builds it, plus an ESM bin that imports the library
 * through "./index.js" and keeps it external, so the bin reuses `dist/index.js` instead of
 * carrying a second copy of it.
 */
export function packageWithBinBuildConfig(overrides: Pick<Options, "define"> = {}) {
  const libraryAsExternal: NonNullable<Options["esbuildPlugins"]>[number] = {
    name: "library-as-external",
    setup(build) {
      build.onResolve({ filter: /^\.\/index\.js$/ }, () => ({
        path: "./index.js",
        external: true,
      }));
    },
  };
  return [
    // Keep the bin's files when the library build cleans dist (both builds run in parallel).
    packageBuildConfig({ clean: ["!cli.js", "!cli.js.map"], ...overrides }),
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
      ...overrides,
    }),
  ];
}
