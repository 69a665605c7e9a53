import { defineConfig } from "vitest/config";

/** Defaults every package's tests share: no leaked mocks, generous timeouts for loopback services. */
export function packageTestConfig(include: string[] = ["test/**/*.test.ts"]) {
  return defineConfig({
    test: {
      include,
      restoreMocks: true,
      testTimeout: 30_000,
      hookTimeout: 60_000,
      pool: "forks",
    },
  });
}
