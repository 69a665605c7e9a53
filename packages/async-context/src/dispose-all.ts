// Closes several resources at once and reports every failure together. It does not order
// disposal; resources that depend on each other should be closed one by one.

/** Something {@link disposeAll} can release; `null` and `undefined` are skipped. */
export type DisposableResource = AsyncDisposable | Disposable | null | undefined;

/**
 * Disposes every resource concurrently, through `Symbol.asyncDispose` (preferred) or
 * `Symbol.dispose`, and waits for all of them, even when some fail.
 *
 * @param resources - Objects to dispose; `null` and `undefined` are skipped, so optional
 * resources can be passed as they are.
 * @returns Resolves when every resource is disposed.
 * @throws Rejects with a `TypeError`, before disposing anything, when a resource has neither
 * `Symbol.asyncDispose` nor `Symbol.dispose`.
 * @throws Rejects with an `AggregateError` whose `errors` hold each failure, in argument order,
 * when one or more resources failed to dispose.
 *
 * @example
 * ```ts
 * process.once("SIGTERM", () => {
 *   disposeAll(userCredential, appCredential).catch((error: AggregateError) => {
 *     for (const cause of error.errors) console.error(cause);
 *   });
 * });
 * ```
 */
export async function disposeAll(...resources: DisposableResource[]): Promise<void> {
  const disposers: Array<() => unknown> = [];
  resources.forEach((resource, index) => {
    if (resource === null || resource === undefined) return;
    const asyncDispose = (resource as Partial<AsyncDisposable>)[Symbol.asyncDispose];
    const dispose = (resource as Partial<Disposable>)[Symbol.dispose];
    if (typeof asyncDispose === "function") disposers.push(() => asyncDispose.call(resource));
    else if (typeof dispose === "function") disposers.push(() => dispose.call(resource));
    else {
      throw new TypeError(
        `disposeAll: argument ${index} has neither Symbol.asyncDispose nor Symbol.dispose. Pass a disposable, or wrap an object that has close() with toAsyncDisposable().`,
      );
    }
  });
  // An async wrapper per disposer turns a synchronous throw into a rejection, so one failing
  // resource never stops the others from being disposed.
  const results = await Promise.allSettled(disposers.map(async (dispose) => dispose()));
  const errors = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
  if (errors.length > 0) {
    throw new AggregateError(
      errors,
      `disposeAll: ${errors.length} of ${results.length} resources failed to dispose. See this error's errors array for each cause.`,
    );
  }
}
