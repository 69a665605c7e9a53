/**
 * The in-process side of the cache lock: callers in one process queue here, one per lock path,
 * before touching the lock file, so a process never contends with itself on disk.
 */
import { AsyncLocalStorage } from "node:async_hooks";

interface Waiter {
  readonly grant: () => void;
}

interface PathQueue {
  held: boolean;
  readonly waiters: Waiter[];
}

interface LockState {
  readonly queues: Map<string, PathQueue>;
  readonly held: AsyncLocalStorage<ReadonlySet<string>>;
}

// The queues are process-wide state keyed on a registered symbol: an application may load this
// package twice (its CJS and ESM builds, or two versions). With per-copy queues both copies would
// take the lock file with the same pid, and each would see the other's lock as its own live
// process and wait until the timeout.
const stateKey = Symbol.for("entrakit.cache-persistence.locks");

function lockState(): LockState {
  const holder = globalThis as unknown as Record<symbol, LockState | undefined>;
  let state = holder[stateKey];
  if (state === undefined) {
    state = { queues: new Map(), held: new AsyncLocalStorage() };
    holder[stateKey] = state;
  }
  return state;
}

/** True when the current async context already holds the lock of `path` (a nested call). */
export function holdsProcessLock(path: string): boolean {
  return lockState().held.getStore()?.has(path) ?? false;
}

/**
 * The current async context's hold of `path`: an object unique to one acquisition (nested calls
 * share it), or `undefined` when the context does not hold the lock. Lets a cache tell whether
 * something it read happened under the hold it still has.
 */
export function currentHold(path: string): object | undefined {
  const held = lockState().held.getStore();
  return held?.has(path) ? held : undefined;
}

/**
 * Runs `fn` as the only holder of `path` within this process; nested calls for the same path
 * from inside `fn` run at once.
 *
 * @param path - the lock path (the key of the queue).
 * @param fn - the work; it receives nothing and its result is returned.
 * @param abortSignal - stops waiting in the queue (rejects with the signal's reason).
 */
export async function withProcessLock<T>(
  path: string,
  fn: () => Promise<T>,
  abortSignal?: AbortSignal,
): Promise<T> {
  const state = lockState();
  const held = state.held.getStore();
  if (held?.has(path)) return fn();
  await enqueue(state, path, abortSignal);
  try {
    return await state.held.run(new Set([...(held ?? []), path]), fn);
  } finally {
    release(state, path);
  }
}

function enqueue(state: LockState, path: string, signal: AbortSignal | undefined): Promise<void> {
  signal?.throwIfAborted();
  let queue = state.queues.get(path);
  if (queue === undefined) {
    queue = { held: false, waiters: [] };
    state.queues.set(path, queue);
  }
  if (!queue.held) {
    queue.held = true;
    return Promise.resolve();
  }
  const current = queue;
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      const index = current.waiters.indexOf(waiter);
      if (index !== -1) current.waiters.splice(index, 1);
      reject(signal?.reason);
    };
    const waiter: Waiter = {
      grant: () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
    };
    current.waiters.push(waiter);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function release(state: LockState, path: string): void {
  const queue = state.queues.get(path);
  if (queue === undefined) return;
  const next = queue.waiters.shift();
  if (next) {
    next.grant();
    return;
  }
  queue.held = false;
  state.queues.delete(path);
}
