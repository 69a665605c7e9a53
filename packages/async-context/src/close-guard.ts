// A concrete AsyncDisposableBase for classes that already extend another base (credentials
// extend core's TokenCredentialBase) and so hold their close lifecycle by composition.

import { AsyncDisposableBase } from "./async-disposable-base.js";

/**
 * The close lifecycle as an object: a class that cannot extend {@link AsyncDisposableBase}
 * keeps one of these and forwards `close()` to it.
 *
 * @example
 * ```ts
 * class MyCredential extends TokenCredentialBase implements AsyncDisposable {
 *   readonly #guard = new CloseGuard(() => this.releaseResources());
 *   getToken(scopes: string[]) {
 *     this.#guard.assertOpen("MyCredential.getToken");
 *     return this.#guard.track("MyCredential.getToken", () => this.fetch(scopes));
 *   }
 *   close() { return this.#guard.close(); }
 *   [Symbol.asyncDispose]() { return this.#guard.close(); }
 * }
 * ```
 */
export class CloseGuard extends AsyncDisposableBase {
  readonly #release: () => Promise<void>;

  /** @param release - frees the owner's resources; runs once, after tracked work settled. */
  constructor(release: () => Promise<void> = async () => {}) {
    super();
    this.#release = release;
  }

  /** Whether `close()` has been called. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Throws {@link ClosedError} once `close()` has been called. */
  override assertOpen(component: string): void {
    super.assertOpen(component);
  }

  /** Runs `operation` so that `close()` waits for it; rejects once closed. */
  track<T>(component: string, operation: () => T | PromiseLike<T>): Promise<T> {
    return this.trackOperation(component, operation);
  }

  protected onClose(): Promise<void> {
    return this.#release();
  }
}
