import { packageTestConfig } from "../../vitest.shared";

export default packageTestConfig(["test/**/*.test.mjs"]);
