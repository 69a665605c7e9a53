import { readFileSync } from "node:fs";
import { mergeConfig } from "vitest/config";
import { packageTestConfig } from "../../vitest.shared";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

// In-process tests run the sources, so they need the constant tsup defines for the build.
export default mergeConfig(packageTestConfig(), {
  define: { __ENTRAKIT_CLI_VERSION__: JSON.stringify(version) },
});
