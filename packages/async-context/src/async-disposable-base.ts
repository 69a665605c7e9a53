// The close lifecycle shared by every closable entrakit object: idempotent `close()`,
// `Symbol.asyncDispose`, and waiting for operations already in flight. It owns no resources.

import { ClosedError } from "./closed-error.js";

/**
 * Base class for objects that hold resources and release them once, through `close()` or
 * `await using`.
 *
 * @remarks
 * - `close()` is idempotent: concurrent and repeated calls share one run of {@link onClose},
 *   and all of them settle with its result, including a rejection.
 * - `close()` first waits for every operation started through {@link trackOperation} before it
 *   was called to settle (requests are never cut off mid-flight), then runs {@link onClose}.
 * - Once `close()` has been called, {@link assertOpen} throws and {@link trackOperation}
 *   rejects with {@link ClosedError}.
 *
 * @example
 * ```ts
 * class MyCredential extends AsyncDisposableBase {
 *   getToken(scopes: string[]): Promise<AccessToken> {
 *     return this.trackOperation("MyCredential.getToken", () => this.fetchToken(scopes));
 *   }
 *   protected async onClose(): Promise<void> {
 *     await this.persistence.release();
 *   }
 * }
 *
 * {
 *   await using credential = new MyCredential();
 *   await credential.getToken(["https://storage.azure.com/.default"]);
 * } // closed here, after getToken settled
 * ```
 */
export abstract class AsyncDisposableBase implements AsyncDisposable {
  #closing: Promise<void> | undefined;
  readonly #inFlight = new Set<Promise<unknown>>();

  /**
   * Releases the object's resources. Safe to call any number of times, concurrently or not.
   *
   * @returns A promise shared by every call: it resolves once operations in flight have settled
   * and {@link onClose} has finished, or rejects with the error {@link onClose} threw.
   */
  close(): Promise<void> {
    if (this.#closing === undefined) {
      // The snapshot is complete: no operation can be tracked once #closing is set, and it is set
      // before onClose runs (a later microtask), so onClose already sees the object as closed.
      const inFlight = [...this.#inFlight];
      this.#closing = Promise.allSettled(inFlight).then(() => this.onClose());
    }
    return this.#closing;
  }

  /**
   * The same as {@link close}, so `await using` closes the object at the end of its scope.
   */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /**
   * Whether `close()` has been called (it may still be waiting for operations or
   * {@link onClose}).
   */
  protected get closed(): boolean {
    return this.#closing !== undefined;
  }

  /**
   * Releases the subclass's resources. Runs at most once, after every tracked operation started
   * before `close()` has settled.
   *
   * @throws Whatever it throws is what every `close()` call rejects with.
   */
  protected abstract onClose(): Promise<void>;

  /**
   * Throws when `close()` has been called; call it first in every public method.
   *
   * @param component - The class or `Class.method` named in the error message.
   * @throws {@link ClosedError} once `close()` has been called.
   */
  protected assertOpen(component: string): void {
    if (this.#closing !== undefined) throw new ClosedError(component);
  }

  /**
   * Runs `operation` so that a later `close()` waits for it to settle before {@link onClose}.
   *
   * @remarks
   * Wrap public entry points only. An operation must not await `close()` of its own object
   * (close would wait for the operation, which waits for close), and an operation that calls
   * another tracked method after `close()` started gets a {@link ClosedError} from it.
   *
   * @param component - The class or `Class.method` named in the error message.
   * @param operation - Started synchronously; a synchronous throw becomes a rejection.
   * @returns What `operation` returns or throws.
   * @throws Rejects with {@link ClosedError}, without calling `operation`, once `close()` has
   * been called.
   */
  protected trackOperation<T>(component: string, operation: () => T | PromiseLike<T>): Promise<T> {
    if (this.#closing !== undefined) return Promise.reject(new ClosedError(component));
    let result: Promise<T>;
    try {
      result = Promise.resolve(operation());
    } catch (error) {
      return Promise.reject(error);
    }
    this.#inFlight.add(result);
    const forget = () => {
      this.#inFlight.delete(result);
    };
    // Both handlers, so this bookkeeping branch never reports the operation's rejection as
    // unhandled; the caller still receives it through `result`.
    result.then(forget, forget);
    return result;
  }
}
