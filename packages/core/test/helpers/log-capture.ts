import { AzureLogger, type AzureLogLevel, getLogLevel, setLogLevel } from "@azure/logger";

/** Lines written through `@azure/logger` while a capture is active. */
export interface LogCapture {
  /** Every line, as `<namespace>:<level> <line>`. */
  readonly lines: string[];
  /** Puts the previous `AzureLogger.log` and log level back. */
  restore(): void;
}

/**
 * Captures what every `@azure/logger` client logger writes, the way a user would: set the level
 * with `setLogLevel` and override `AzureLogger.log`.
 */
export function captureLogs(level: AzureLogLevel = "verbose"): LogCapture {
  const previousLog = AzureLogger.log;
  const previousLevel = getLogLevel();
  const lines: string[] = [];
  setLogLevel(level);
  AzureLogger.log = (...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  };
  return {
    lines,
    restore() {
      AzureLogger.log = previousLog;
      setLogLevel(previousLevel);
    },
  };
}
