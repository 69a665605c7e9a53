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
