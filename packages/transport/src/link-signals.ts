// Joins the abort signals that apply to one request (the option, the one set with
// runWithAbortSignal, an outer run's) into one AbortSignal, and unhooks them afterwards so a
// long-lived signal does not collect a listener per request.
import type { AbortSignalLike } from "@entrakit/core";

/** A signal that aborts when any of its sources does, and the function that unhooks it. */
export interface LinkedSignal {
  readonly signal: AbortSignal | undefined;
  dispose(): void;
}

const nothingToDispose = () => {};

/** Links `sources` (undefined entries ignored) into one signal. */
export function linkSignals(sources: ReadonlyArray<AbortSignalLike | undefined>): LinkedSignal {
  const present = [...new Set(sources.filter((s): s is AbortSignalLike => s !== undefined))];
  const [only] = present;
  if (only === undefined) return { signal: undefined, dispose: nothingToDispose };
  if (present.length === 1 && only instanceof AbortSignal) {
    return { signal: only, dispose: nothingToDispose };
  }
  const controller = new AbortController();
  const alreadyAborted = present.find((source) => source.aborted);
  if (alreadyAborted) {
    controller.abort(abortReason(alreadyAborted));
    return { signal: controller.signal, dispose: nothingToDispose };
  }
  const unhooks = present.map((source) => {
    const listener = () => controller.abort(abortReason(source));
    source.addEventListener("abort", listener, { once: true });
    return () => source.removeEventListener("abort", listener);
  });
  return {
    signal: controller.signal,
    dispose: () => {
      for (const unhook of unhooks) unhook();
    },
  };
}

/** The reason a signal aborted with, or a standard `AbortError` when it gave none. */
export function abortReason(signal: AbortSignalLike): unknown {
  return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}
