// Captures every @azure/logger line at verbose level, for the secret-hygiene and logging tests.
import { format } from "node:util";
import { AzureLogger, type AzureLogLevel, getLogLevel, setLogLevel } from "@azure/logger";

export interface LogCapture {
  readonly lines: string[];
  restore(): void;
}

export function captureLogs(): LogCapture {
  const original = AzureLogger.log;
  const level: AzureLogLevel | undefined = getLogLevel();
  const lines: string[] = [];
  AzureLogger.log = (...args: unknown[]) => {
    lines.push(format(...args));
  };
  setLogLevel("verbose");
  return {
    lines,
    restore() {
      AzureLogger.log = original;
      setLogLevel(level);
    },
  };
}
