import { packageWithBinBuildConfig } from "../../tsup.shared";

export default packageWithBinBuildConfig();
