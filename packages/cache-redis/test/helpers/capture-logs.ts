import { AzureLogger, getLogLevel, setLogLevel } from "@azure/logger";
import { afterEach } from "vitest";

const original = AzureLogger.log;
let previousLevel = getLogLevel();

afterEach(() => {
  AzureLogger.log = original;
  setLogLevel(previousLevel);
});

/** Captures every `@azure/logger` line at verbose level for the rest of the test. */
export function captureLogs(): string[] {
  previousLevel = getLogLevel();
  const lines: string[] = [];
  setLogLevel("verbose");
  AzureLogger.log = (...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  };
  return lines;
}
