import { AzureLogger, createClientLogger, setLogLevel } from "@azure/logger";
import { afterEach, describe, expect, it } from "vitest";
import { createRedactor } from "../src/logging/redact.js";
import { createMsalLoggerOptions } from "../src/msal-logger-options.js";

const originalLog = AzureLogger.log;
afterEach(() => {
  AzureLogger.log = originalLog;
  setLogLevel("warning");
});

describe("createMsalLoggerOptions", () => {
  it("redacts MSAL's lines, known secrets included, and maps errors to warnings", () => {
    setLogLevel("verbose");
    const lines: string[] = [];
    AzureLogger.log = (...args: unknown[]) => {
      lines.push(args.join(" "));
    };
    const logger = createClientLogger("entrakit:test-msal");
    const options = createMsalLoggerOptions(logger, createRedactor(["plain-known-secret-1"]));
    expect(options.piiLoggingEnabled).toBe(false);
    expect(options.logLevel).toBe(3);
    options.loggerCallback(0, "request failed code=abc123def456 body plain-known-secret-1", false);
    options.loggerCallback(2, "cache hit", false);
    const text = lines.join("\n");
    expect(text).not.toContain("abc123def456");
    expect(text).not.toContain("plain-known-secret-1");
    expect(text).toMatch(/warning.*MSAL: request failed/);
    expect(text).toMatch(/verbose.*MSAL: cache hit/);
  });

  it("asks MSAL for warnings only when the package logger is not verbose", () => {
    setLogLevel("warning");
    const options = createMsalLoggerOptions(createClientLogger("entrakit:test-msal-quiet"));
    expect(options.logLevel).toBe(1);
  });
});
