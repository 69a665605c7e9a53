import { describe, expect, it } from "vitest";
import * as transport from "../src/index.js";

describe("public entry point", () => {
  it("exports exactly the documented values", () => {
    expect(Object.keys(transport).sort()).toEqual([
      "authenticationErrorFromResponse",
      "createNetworkModule",
      "currentTransportDiagnostics",
      "parseRetryAfter",
      "runWithAbortSignal",
      "runWithTransportContext",
      "transportDefaults",
      "transportDetailsOf",
      "transportErrorBehind",
      "transportVersion",
    ]);
  });
});
