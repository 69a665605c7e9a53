import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig } from "vitest/config";
import { packageTestConfig } from "../vitest.shared";

// Tests of the repo tooling (release dry run, API reference check). The root `npm test` runs
// them after the turbo pipeline, which has built every package they rehearse.
export default mergeConfig(
  packageTestConfig(["scripts/test/**/*.test.ts"]),
  defineConfig({
    test: {
      root: fileURLToPath(new URL("..", import.meta.url)),
      // The release and docs runs are long and mostly wait on child processes: run both at once
      // even on a 2-core machine, where vitest would otherwise use a single worker.
      maxWorkers: 2,
    },
  }),
);
