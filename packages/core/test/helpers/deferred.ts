/** A promise with its resolve and reject exposed, for driving operations step by step. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
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

/** Resolves after every microtask queued so far has run (one macrotask turn, not a sleep). */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The settled state of a promise right now, without waiting for it. */
export async function stateOf(
  promise: Promise<unknown>,
): Promise<"pending" | "fulfilled" | "rejected"> {
  const pending = Symbol("pending");
  try {
    const value = await Promise.race([promise, flushMicrotasks().then(() => pending)]);
    return value === pending ? "pending" : "fulfilled";
  } catch {
    return "rejected";
  }
}
