import { setTimeout as delay } from "node:timers/promises";

/** How a {@link waitUntil} ended: the check passed, `stop` settled first, or time ran out. */
export type WaitOutcome = "ready" | "stopped" | "timeout";

/**
 * Polls `check` on the real clock (services start in real time) until it returns true, `stop`
 * settles (the service process died), or `timeoutMs` passes. The interval grows from 5 ms to
 * 100 ms, so fast services are seen fast and slow ones are not hammered. A `check` that throws
 * rejects the wait; catch inside it when failures mean "not yet".
 *
 * @param check - resolves to true once the service is ready.
 * @param options - `timeoutMs`, the longest wait; `stop`, a promise that settles when waiting
 * is pointless (usually {@link ServiceProcess.exited}).
 * @example
 * ```ts
 * const outcome = await waitUntil(() => pingRedis(port).then((r) => r === "PONG", () => false), {
 *   timeoutMs: 10_000,
 *   stop: server.exited,
 * });
 * ```
 */
export async function waitUntil(
  check: () => Promise<boolean>,
  options: { timeoutMs: number; stop: Promise<unknown> },
): Promise<WaitOutcome> {
  let stopped = false;
  void options.stop.then(() => {
    stopped = true;
  });
  const deadline = Date.now() + options.timeoutMs;
  let interval = 5;
  for (;;) {
    if (stopped) return "stopped";
    if (await check()) return "ready";
    if (stopped) return "stopped";
    if (Date.now() >= deadline) return "timeout";
    await delay(interval);
    interval = Math.min(interval * 2, 100);
  }
}
