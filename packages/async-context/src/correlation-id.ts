import { randomUUID } from "node:crypto";
import { currentStore, runWithChanges } from "./context-storage.js";

// Correlation ids end up in HTTP headers and log lines: visible ASCII only, no spaces, so a
// value can never split a header or forge a log line.
const correlationIdPattern = /^[\x21-\x7e]+$/;

/**
 * A new random correlation id (a version 4 UUID, the form Entra ID and MSAL use).
 *
 * @returns A string such as `"0f8fad5b-d9cb-469f-a165-70867728950e"`.
 */
export function newCorrelationId(): string {
  return randomUUID();
}

/**
 * Runs `fn` with a correlation id that code called from it (across awaits, timers and promise
 * callbacks) reads with {@link currentCorrelationId}. Whether the caller is inside a credential
 * chain is kept.
 *
 * @param id - The id to use. `undefined` keeps the id already in effect, or starts a new one
 * ({@link newCorrelationId}) when there is none, so every call has an id.
 * @param fn - Called synchronously; its return value (a promise, usually) is returned as is.
 * @returns What `fn` returns.
 * @throws `TypeError` when `id` is not `undefined` and is not a non-empty string of visible
 * ASCII characters without spaces.
 *
 * @example
 * ```ts
 * async function getToken(scopes: string[], options: { correlationId?: string } = {}) {
 *   return withCorrelationId(options.correlationId, async () => {
 *     log.info(`getToken: correlationId=${currentCorrelationId()}`);
 *     return requestToken(scopes, { correlationId: currentCorrelationId() });
 *   });
 * }
 * ```
 */
export function withCorrelationId<T>(id: string | undefined, fn: () => T): T {
  if (id !== undefined && (typeof id !== "string" || !correlationIdPattern.test(id))) {
    throw new TypeError(
      "withCorrelationId: id must be a non-empty string of visible ASCII characters without spaces. Pass a UUID, or undefined to keep the current id.",
    );
  }
  const correlationId = id ?? currentStore().correlationId ?? newCorrelationId();
  return runWithChanges({ correlationId }, fn);
}

/**
 * The correlation id set by the innermost {@link withCorrelationId} around the caller.
 *
 * @returns The id, or `undefined` outside any {@link withCorrelationId}.
 */
export function currentCorrelationId(): string | undefined {
  return currentStore().correlationId;
}
