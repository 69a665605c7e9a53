/** The part of an abort signal single-flight needs; `@azure/core-auth`'s `AbortSignalLike` fits. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/**
 * Shares one in-flight operation per key among concurrent callers: 1,000 simultaneous cold
 * `getToken` calls send one request. Each caller may still abort its own wait; the shared
 * operation is aborted only when every caller waiting on it has aborted and none joined
 * without a signal. The key is free again as soon as the operation settles.
 *
 * @example
 * ```ts
 * const flights = new SingleFlight<AccessTokenInfo>();
 * const token = await flights.run(key, (signal) => fetchToken(signal), options.abortSignal);
 * ```
 */
export class SingleFlight<T> {
  private readonly flights = new Map<string, Flight<T>>();

  /** The number of operations in flight (for tests and diagnostics). */
  get size(): number {
    return this.flights.size;
  }

  /**
   * Joins the operation running under `key`, or starts `run` when none is.
   *
   * @param run - receives a signal that aborts when all waiting callers have aborted.
   * @param signal - this caller's signal; aborting it rejects this caller's promise only.
   */
  run(key: string, run: (signal: AbortSignal) => Promise<T>, signal?: AbortSignalLike): Promise<T> {
    return this.runLazy(key, (lazySignal) => run(lazySignal()), signal);
  }

  /**
   * {@link SingleFlight.run}, except that the operation gets its signal through a function that
   * creates it on first call: an operation that never looks at its signal (a token served from
   * a cache) costs no `AbortController`. A signal first asked for after every caller aborted
   * comes back already aborted.
   *
   * @param run - receives a function returning the operation's signal (the same one each call).
   * @param signal - this caller's signal; aborting it rejects this caller's promise only.
   */
  runLazy(
    key: string,
    run: (signal: () => AbortSignal) => Promise<T>,
    signal?: AbortSignalLike,
  ): Promise<T> {
    // Checked before a flight exists: an operation started for a caller that is already gone
    // would run with nobody to abort it, and its failure would be an unhandled rejection.
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    let flight = this.flights.get(key);
    if (flight === undefined) {
      const created: Flight<T> = {
        controller: undefined,
        abortedWith: undefined,
        waiting: 0,
        pinned: false,
        promise: undefined as never,
      };
      const lazySignal = () => flightController(created).signal;
      created.promise = Promise.resolve()
        .then(() => run(lazySignal))
        .finally(() => {
          if (this.flights.get(key) === created) this.flights.delete(key);
        });
      this.flights.set(key, created);
      flight = created;
    }
    if (signal === undefined) {
      flight.pinned = true;
      return flight.promise;
    }
    return this.wait(key, flight, signal);
  }

  private wait(key: string, flight: Flight<T>, signal: AbortSignalLike): Promise<T> {
    flight.waiting++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        flight.waiting--;
        const reason = abortReason(signal);
        if (flight.waiting === 0 && !flight.pinned) {
          // The aborted operation may take a while to settle; a caller arriving meanwhile must
          // start a fresh one instead of joining a flight that can only fail with AbortError.
          if (this.flights.get(key) === flight) this.flights.delete(key);
          // Nobody asked for the signal yet: remember why, so it is born aborted if they do.
          if (flight.controller === undefined) flight.abortedWith = { reason };
          else flight.controller.abort(reason);
        }
        reject(reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      flight.promise.then(
        (value) => {
          signal.removeEventListener("abort", onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener("abort", onAbort);
          reject(error);
        },
      );
    });
  }
}

interface Flight<T> {
  /** Created when the operation first asks for its signal. */
  controller: AbortController | undefined;
  /** Every caller aborted before the operation asked for its signal. */
  abortedWith: { readonly reason: unknown } | undefined;
  /** Callers that passed a signal and have not aborted. */
  waiting: number;
  /** A caller without a signal is waiting: it can never abort, so the operation must finish. */
  pinned: boolean;
  promise: Promise<T>;
}

function flightController<T>(flight: Flight<T>): AbortController {
  if (flight.controller === undefined) {
    flight.controller = new AbortController();
    if (flight.abortedWith !== undefined) flight.controller.abort(flight.abortedWith.reason);
  }
  return flight.controller;
}

function abortReason(signal: AbortSignalLike): unknown {
  return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}
