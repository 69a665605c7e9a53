// Carries an abort signal to requests MSAL makes on the caller's behalf: MSAL's network seam has
// no signal parameter, so the signal travels in an AsyncLocalStorage around the MSAL call.
import { AsyncLocalStorage } from "node:async_hooks";
import type { AbortSignalLike } from "@entrakit/core";
import { linkSignals } from "./link-signals.js";

// The credential that calls runWithAbortSignal and the network module MSAL calls may come from
// different copies of this package (its ESM and CJS builds, or two versions in one tree). Each
// copy would otherwise have its own storage, and the signal set through one copy would never
// reach requests sent through the other. A registered symbol on globalThis gives every copy the
// same storage; it is created on first use, so importing the package has no side effects. It
// holds AbortSignal values only, a shape every version must keep.
const storageKey = Symbol.for("entrakit.transport.abort-signal");

type StorageHolder = { [storageKey]?: AsyncLocalStorage<AbortSignal> };

function storage(): AsyncLocalStorage<AbortSignal> {
  const holder = globalThis as StorageHolder;
  holder[storageKey] ??= new AsyncLocalStorage<AbortSignal>();
  return holder[storageKey];
}

/**
 * Runs `fn` so that every request a network module from this package sends inside it (through
 * MSAL or directly) stops when `signal` aborts: an in-flight request's socket is destroyed and a
 * backoff wait ends, and the request rejects with an `AuthenticationError` whose code is
 * `"aborted"`. Nested runs combine: a request stops when either signal aborts.
 *
 * @param signal - The caller's signal (e.g. `GetTokenOptions.abortSignal`); `undefined` runs
 * `fn` unchanged.
 * @param fn - The work, typically the MSAL call; the link to `signal` ends when the promise it
 * returns settles (or when it returns, if it returns no promise).
 * @returns What `fn` returns.
 * @example
 * ```ts
 * const result = await runWithAbortSignal(options.abortSignal, () =>
 *   msalApp.acquireTokenByCode(request),
 * );
 * ```
 */
export function runWithAbortSignal<T>(signal: AbortSignalLike | undefined, fn: () => T): T {
  if (signal === undefined) return fn();
  const linked = linkSignals([storage().getStore(), signal]);
  let result: T;
  try {
    result = storage().run(linked.signal as AbortSignal, fn);
  } catch (error) {
    linked.dispose();
    throw error;
  }
  if (isPromiseLike(result)) result.then(linked.dispose, linked.dispose);
  else linked.dispose();
  return result;
}

/** The signal set by the innermost {@link runWithAbortSignal} around the caller, if any. */
export function currentAbortSignal(): AbortSignal | undefined {
  return storage().getStore();
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}
