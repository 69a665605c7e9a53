import { type AzureLogger, createClientLogger } from "@azure/logger";

/** A log level as `@azure/logger` names them. */
export type LogLevel = "error" | "warning" | "info" | "verbose";

/** Facts appended to a log line as `key=value`. Values must already be free of secrets. */
export type LogFacts = Record<string, string | number | boolean | undefined>;

/**
 * Creates the logger of one entrakit package. It is an `@azure/logger` client logger, so
 * `AZURE_LOG_LEVEL` and `setLogLevel()` control it like every Azure SDK package.
 *
 * @param packageName - e.g. `"auth-code"`; the namespace becomes `azure:entrakit:auth-code`.
 */
export function createPackageLogger(packageName: string): AzureLogger {
  return createClientLogger(`entrakit:${packageName}`);
}

/** The logger of `@entrakit/core`. */
export const coreLogger: AzureLogger = createPackageLogger("core");

/**
 * Formats the project's line shape: `<Component> => <operation>: <message> key=value ...`.
 * Values with spaces are quoted; undefined facts are left out.
 */
export function formatLogLine(
  component: string,
  operation: string,
  message: string,
  facts?: LogFacts,
): string {
  let line = `${component} => ${operation}: ${message}`;
  if (facts) {
    for (const key in facts) {
      const value = facts[key];
      if (value === undefined) continue;
      const text = String(value);
      line += ` ${key}=${/\s/.test(text) ? JSON.stringify(text) : text}`;
    }
  }
  return line;
}
