import { readFileSync } from "node:fs";
import { mergeConfig } from "vitest/config";
import { packageTestConfig } from "../../vitest.shared";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

// Tests run the sources, so they need the same constant tsup defines for the build.
export default mergeConfig(packageTestConfig(["test/**/*.test.ts"]), {
  define: { __ENTRAKIT_TRANSPORT_VERSION__: JSON.stringify(version) },
  // One set of self-signed certificates (openssl) for every test file.
  // Every file closes the servers and restores the logger hooks it starts, so files can share
  // workers; that halves the run time.
  test: { globalSetup: ["test/helpers/global-setup.ts"], isolate: false },
});
