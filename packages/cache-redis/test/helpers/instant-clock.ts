import type { Clock } from "@entrakit/core";

/**
 * A clock whose `sleep` moves time forward at once instead of waiting (testkit's ManualClock can
 * replace it). It records every sleep so tests can check back-off without timing anything.
 */
export class InstantClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private current = Date.UTC(2030, 0, 1)) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.sleeps.push(ms);
    this.current += ms;
    await Promise.resolve();
    signal?.throwIfAborted();
  }
}
