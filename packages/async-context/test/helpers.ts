/** A promise with its resolve and reject exposed, for driving operations step by step. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Resolves after every microtask queued so far has run (a macrotask turn, not a sleep). */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Records whether a promise has settled, without attaching assertions to callbacks. */
export function track<T>(promise: PromiseLike<T>): { readonly settled: boolean } {
  const state = { settled: false };
  Promise.resolve(promise).then(
    () => {
      state.settled = true;
    },
    () => {
      state.settled = true;
    },
  );
  return state;
}
