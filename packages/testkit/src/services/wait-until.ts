import { setTimeout as delay } from "node:timers/promises";

/** How a {@link waitUntil} ended. */
export type WaitOutcome = "ready" | "stopped" | "timeout";

/**
 * Polls `check` on the real clock (services start in real time) until it returns true, `stop`
 * settles (the service process died), or `timeoutMs` passes. The interval grows from 5 ms to
 * 100 ms, so fast services are seen fast and slow ones are not hammered.
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
