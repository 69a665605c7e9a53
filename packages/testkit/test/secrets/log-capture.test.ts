import { AzureLogger, getLogLevel, setLogLevel } from "@azure/logger";
import { createPackageLogger } from "@entrakit/core";
import { afterEach, describe, expect, test } from "vitest";
import { captureAzureLogs } from "../../src/index.js";

const logger = createPackageLogger("testkit-log-capture-test");

afterEach(() => setLogLevel(undefined));

describe("captureAzureLogs", () => {
  test("captures every level at verbose, formatted, with the logger's namespace", () => {
    const logs = captureAzureLogs();
    try {
      logger.verbose("count=%d", 3);
      logger.warning("warned");
    } finally {
      logs.dispose();
    }
    expect(logs.lines).toEqual([
      "azure:entrakit:testkit-log-capture-test:verbose count=3",
      "azure:entrakit:testkit-log-capture-test:warning warned",
    ]);
    expect(logs.text).toBe(logs.lines.join("\n"));
  });

  test("restores the previous level and log function; dispose is idempotent", () => {
    setLogLevel("error");
    const original = AzureLogger.log;
    const logs = captureAzureLogs();
    expect(getLogLevel()).toBe("verbose");
    expect(AzureLogger.log).not.toBe(original);
    logs.dispose();
    logs.dispose();
    expect(logs.disposed).toBe(true);
    expect(getLogLevel()).toBe("error");
    expect(AzureLogger.log).toBe(original);
  });

  test("works with using", () => {
    const original = AzureLogger.log;
    {
      using logs = captureAzureLogs();
      logger.info("inside");
      expect(logs.lines).toHaveLength(1);
    }
    expect(AzureLogger.log).toBe(original);
  });

  test("nested captures each see their own lines", () => {
    const outer = captureAzureLogs();
    logger.info("one");
    const inner = captureAzureLogs();
    logger.info("two");
    inner.dispose();
    logger.info("three");
    outer.dispose();
    expect(outer.lines.map((l) => l.split(" ")[1])).toEqual(["one", "three"]);
    expect(inner.lines.map((l) => l.split(" ")[1])).toEqual(["two"]);
  });
});
