// Adapts an object that has `close()` (a server, a client, a file handle) to `await using`,
// without changing the object itself.

/** Anything with a `close()` method; its result is awaited when it is a promise. */
export interface Closable {
  /** Releases the object's resources. */
  close(): unknown;
}

/**
 * Returns a handle whose `Symbol.asyncDispose` calls `resource.close()` once and awaits it,
 * so `await using` closes `resource` at the end of the scope. `resource` is not modified.
 *
 * @remarks
 * A callback-style `close(callback)` (such as `http.Server`'s) returns before the resource is
 * closed; wrap it in a promise first so disposal waits for it.
 *
 * @param resource - The object to close.
 * @returns A disposable handle; disposing it again returns the first disposal's promise.
 * @throws `TypeError` when `resource` has no `close()` method.
 *
 * @example
 * ```ts
 * const client = createClient();
 * await using _client = toAsyncDisposable(client);
 * await client.connect();
 * ```
 */
export function toAsyncDisposable(resource: Closable): AsyncDisposable {
  if (typeof resource?.close !== "function") {
    throw new TypeError(
      "toAsyncDisposable: resource has no close() method. Pass an object with close(), or use the object's own Symbol.asyncDispose.",
    );
  }
  let closing: Promise<void> | undefined;
  return {
    [Symbol.asyncDispose]() {
      closing ??= (async () => {
        await resource.close();
      })();
      return closing;
    },
  };
}
