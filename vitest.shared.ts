import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const fastCheckSetup = fileURLToPath(new URL("./vitest.fast-check-setup.ts", import.meta.url));

/** Defaults every package's tests share: no leaked mocks, generous timeouts for loopback services. */
export function packageTestConfig(include: string[] = ["test/**/*.test.ts"]) {
  return defineConfig({
    test: {
      include,
      setupFiles: [fastCheckSetup],
      restoreMocks: true,
      testTimeout: 30_000,
      hookTimeout: 60_000,
      pool: "forks",
    },
  });
}
