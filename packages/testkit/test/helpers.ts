/** Resolves after every microtask queued so far has run (one macrotask turn, not a sleep). */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Settles to "resolved"/"rejected" so tests can assert on state without callbacks. */
export function settlement<T>(promise: Promise<T>): {
  readonly state: "pending" | "resolved" | "rejected";
  readonly reason: unknown;
} {
  const result = {
    state: "pending" as "pending" | "resolved" | "rejected",
    reason: undefined as unknown,
  };
  promise.then(
    () => {
      result.state = "resolved";
    },
    (reason: unknown) => {
      result.state = "rejected";
      result.reason = reason;
    },
  );
  return result;
}
