import type { AzureLogger } from "@azure/logger";
import { redact } from "./logging/redact";

// MSAL's LogLevel enum values, declared here so core needs no MSAL dependency.
const msalError = 0;
const msalWarning = 1;
const msalVerbose = 3;

/** MSAL's `system.loggerOptions`, declared structurally. */
export interface MsalLoggerOptions {
  piiLoggingEnabled: false;
  logLevel: number;
  loggerCallback: (level: number, message: string, containsPii: boolean) => void;
}

/**
 * Routes MSAL's own log lines into an entrakit package logger: redacted (MSAL can quote request
 * details), personal data off, errors as warnings (the credential reports the failure itself),
 * everything else at verbose, and MSAL's verbose output only when the package logger wants it.
 *
 * @param logger - the package logger.
 * @param redactText - the redactor; pass `createRedactor([...])` to also remove known secrets.
 */
export function createMsalLoggerOptions(
  logger: AzureLogger,
  redactText: (text: string) => string = redact,
): MsalLoggerOptions {
  return {
    piiLoggingEnabled: false,
    logLevel: logger.verbose.enabled ? msalVerbose : msalWarning,
    loggerCallback: (level, message) => {
      const line = `MSAL: ${redactText(message)}`;
      if (level === msalError) logger.warning(line);
      else logger.verbose(line);
    },
  };
}
