import { expect, test } from "vitest";
import * as testkit from "../src/index.js";

test("the public entry point exports exactly the documented runtime names", () => {
  expect(Object.keys(testkit).sort()).toEqual(
    [
      "FakeNetworkModule",
      "LogCapture",
      "ManualClock",
      "ResponseQueue",
      "SecretLeakError",
      "TestkitError",
      "base64url",
      "captureAzureLogs",
      "createSecretScanner",
      "decideServiceGate",
      "decodeJwtPayload",
      "defaultClientInfo",
      "describeWithService",
      "entraError",
      "findExecutable",
      "freePort",
      "inSequence",
      "instanceDiscovery",
      "onceThen",
      "openIdConfiguration",
      "pingRedis",
      "probeCommands",
      "probeRedisServer",
      "probeSecretService",
      "requireService",
      "startRedisServer",
      "startSecretService",
      "tempDir",
      "tokenResponse",
      "unsignedJwt",
    ].sort(),
  );
});
