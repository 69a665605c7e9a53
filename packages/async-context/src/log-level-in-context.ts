import { isInCredentialChain } from "./credential-chain.js";

/**
 * A log level, by the names `@azure/logger` uses (the same union as its `AzureLogLevel`),
 * declared here so this package depends on nothing.
 */
export type AzureLogLevel = "verbose" | "info" | "warning" | "error";

const oneStepLower: Readonly<Record<AzureLogLevel, AzureLogLevel>> = {
  error: "warning",
  warning: "info",
  info: "verbose",
  verbose: "verbose",
};

/**
 * The level to log at here: one step lower inside a credential chain (`error` → `warning` →
 * `info` → `verbose`), as Python's `azure-identity` does, because a chain recovers from its
 * members' failures; `level` unchanged elsewhere.
 *
 * @param level - The level the message would have outside a chain.
 * @returns The level to use.
 *
 * @example
 * ```ts
 * logger[logLevelInContext("warning")]("MyCredential => getToken: no cached account found");
 * ```
 */
export function logLevelInContext(level: AzureLogLevel): AzureLogLevel {
  return isInCredentialChain() ? oneStepLower[level] : level;
}
