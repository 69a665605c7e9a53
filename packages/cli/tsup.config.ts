import { readFileSync } from "node:fs";
import { packageWithBinBuildConfig } from "../../tsup.shared";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

export default packageWithBinBuildConfig({
  define: { __ENTRAKIT_CLI_VERSION__: JSON.stringify(version) },
});
