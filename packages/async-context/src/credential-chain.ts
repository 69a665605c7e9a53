import { currentStore, runWithChanges } from "./context-storage.js";

/**
 * Runs `fn` "inside a credential chain": credentials called from it (across awaits, timers and
 * promise callbacks) see {@link isInCredentialChain} return `true` and log one level lower,
 * because a failure the chain recovers from by trying the next credential is not an error.
 * The correlation id in effect is kept.
 *
 * @param fn - Called synchronously; its return value (a promise, usually) is returned as is.
 * @returns What `fn` returns.
 *
 * @example
 * ```ts
 * async function getTokenFromChain(credentials: TokenCredential[], scopes: string[]) {
 *   return runInCredentialChain(async () => {
 *     for (const credential of credentials) {
 *       try {
 *         return await credential.getToken(scopes);
 *       } catch (error) {
 *         if (!isCredentialUnavailableError(error)) throw error;
 *       }
 *     }
 *     throw new Error("getTokenFromChain: no credential was available. Configure one of them.");
 *   });
 * }
 * ```
 */
export function runInCredentialChain<T>(fn: () => T): T {
  return runWithChanges({ inCredentialChain: true }, fn);
}

/**
 * Whether the caller is running inside {@link runInCredentialChain}, in this or any other copy
 * of this package.
 *
 * @returns `true` inside a chain, `false` elsewhere.
 *
 * @example
 * ```ts
 * const level = isInCredentialChain() ? "info" : "warning";
 * ```
 */
export function isInCredentialChain(): boolean {
  return currentStore().inCredentialChain === true;
}
