// Collects what the transport did during one credential operation. MSAL replaces an error
// thrown by its network module with a bare "network_error", so the credential needs another
// way to learn the status, attempts and cause; the diagnostics travel in an AsyncLocalStorage
// around the MSAL call, like the abort signal does.
import { AsyncLocalStorage } from "node:async_hooks";
import type { AbortSignalLike } from "@entrakit/core";
import { runWithAbortSignal } from "./abort-context.js";
import type { AttemptRecord } from "./attempt-record.js";

/** What the transport did inside one {@link runWithTransportContext} call. */
export interface TransportDiagnostics {
  /** Every attempt of every request, in order. */
  readonly attempts: AttemptRecord[];
  /** Every error a request rejected with (already redacted, with `attempts`), in order. */
  readonly errors: Error[];
}

// Shared by every copy of this package (ESM and CJS builds, two versions): the credential may
// import one copy and MSAL's network module come from another.
const storageKey = Symbol.for("entrakit.transport.diagnostics");
type StorageHolder = { [storageKey]?: AsyncLocalStorage<TransportDiagnostics> };

function storage(): AsyncLocalStorage<TransportDiagnostics> {
  const holder = globalThis as StorageHolder;
  holder[storageKey] ??= new AsyncLocalStorage<TransportDiagnostics>();
  return holder[storageKey];
}

/**
 * Runs `fn` (typically one MSAL call) with a fresh {@link TransportDiagnostics} that every
 * request sent inside it reports to, and with `abortSignal` applied to those requests.
 *
 * @example
 * ```ts
 * await runWithTransportContext({ abortSignal }, async (diagnostics) => {
 *   try {
 *     return await app.acquireTokenByCode(request);
 *   } catch (error) {
 *     throw diagnostics.errors.at(-1) ?? error; // the transport's own error, not MSAL's wrapper
 *   }
 * });
 * ```
 */
export function runWithTransportContext<T>(
  options: { abortSignal?: AbortSignalLike | undefined },
  fn: (diagnostics: TransportDiagnostics) => Promise<T>,
): Promise<T> {
  const diagnostics: TransportDiagnostics = { attempts: [], errors: [] };
  return storage().run(diagnostics, () =>
    runWithAbortSignal(options.abortSignal, () => fn(diagnostics)),
  );
}

/** The diagnostics of the innermost {@link runWithTransportContext}, if any. */
export function currentTransportDiagnostics(): TransportDiagnostics | undefined {
  return storage().getStore();
}

/**
 * The transport's own error behind an MSAL `network_error`: MSAL replaces whatever the network
 * module threw with that bare code, losing the status, the attempts and the cause. Returns
 * `undefined` when `error` is anything else or no request failed in this context.
 *
 * @param error - what the MSAL call threw.
 * @param diagnostics - the context the call ran in.
 */
export function transportErrorBehind(
  error: unknown,
  diagnostics: TransportDiagnostics,
): Error | undefined {
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  return code === "network_error" ? diagnostics.errors.at(-1) : undefined;
}
