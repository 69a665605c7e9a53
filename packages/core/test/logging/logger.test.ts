import { afterEach, describe, expect, it } from "vitest";
import { coreLogger, createPackageLogger, formatLogLine } from "../../src/index.js";
import { captureLogs, type LogCapture } from "../helpers/log-capture.js";

let logs: LogCapture | undefined;
afterEach(() => {
  logs?.restore();
  logs = undefined;
});

describe("formatLogLine", () => {
  it("writes `<Component> => <operation>: <message>` and key=value facts", () => {
    expect(
      formatLogLine("AuthorizationCodeCredential", "getToken", "token acquired", {
        tenant: "contoso.onmicrosoft.com",
        cache: "hit",
        cae: false,
        attempt: 2,
      }),
    ).toBe(
      "AuthorizationCodeCredential => getToken: token acquired tenant=contoso.onmicrosoft.com cache=hit cae=false attempt=2",
    );
  });

  it("quotes values with whitespace, so a fact can never start a new line or a new fact", () => {
    const line = formatLogLine("C", "op", "m", { scopes: "a b", evil: "x\nC => forged: line" });

    expect(line).toBe('C => op: m scopes="a b" evil="x\\nC => forged: line"');
    expect(line).not.toContain("\n");
  });

  it("leaves out undefined facts and works without facts", () => {
    expect(formatLogLine("C", "op", "m", { a: undefined, b: "1" })).toBe("C => op: m b=1");
    expect(formatLogLine("C", "op", "m")).toBe("C => op: m");
  });
});

describe("createPackageLogger", () => {
  it("is an @azure/logger client logger under azure:entrakit:<package>, controlled by setLogLevel", () => {
    const logger = createPackageLogger("auth-code");
    logs = captureLogs("info");

    logger.verbose("hidden");
    logger.info(formatLogLine("C", "op", "shown"));
    logger.warning("also shown");

    expect(logs.lines).toEqual([
      "azure:entrakit:auth-code:info C => op: shown",
      "azure:entrakit:auth-code:warning also shown",
    ]);
  });

  it("gives core its own logger", () => {
    logs = captureLogs("error");
    coreLogger.error("x");

    expect(logs.lines).toEqual(["azure:entrakit:core:error x"]);
  });
});
