import { readFileSync } from "node:fs";
import { packageBuildConfig } from "../../tsup.shared";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

// The version goes into the User-Agent; `define` inlines it so the bundle reads no JSON.
export default packageBuildConfig({
  define: { __ENTRAKIT_TRANSPORT_VERSION__: JSON.stringify(version) },
});
