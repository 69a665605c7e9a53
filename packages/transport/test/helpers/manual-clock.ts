// A clock moved by hand. By default a sleep completes at once and moves time forward by its
// length, so retry loops run instantly; with `hold`, sleeps wait for advance() or an abort.
import type { Clock } from "@entrakit/core";

interface Sleeper {
  readonly until: number;
  readonly resolve: () => void;
}

export class ManualClock implements Clock {
  /** Every requested sleep, in order. */
  readonly sleeps: number[] = [];
  /** When true, sleeps wait for advance() instead of completing at once. */
  hold = false;
  private time: number;
  private sleepers: Sleeper[] = [];
  private sleepWaiters: Array<(ms: number) => void> = [];

  constructor(start = Date.UTC(2030, 0, 1)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    for (const waiter of this.sleepWaiters.splice(0)) waiter(ms);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!this.hold) {
      this.time += ms;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(signal?.reason);
      };
      const sleeper: Sleeper = {
        until: this.time + ms,
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      this.sleepers.push(sleeper);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Moves time forward and wakes the sleepers that are due. */
  advance(ms: number): void {
    this.time += ms;
    const due = this.sleepers.filter((s) => s.until <= this.time);
    this.sleepers = this.sleepers.filter((s) => s.until > this.time);
    for (const sleeper of due) sleeper.resolve();
  }

  /** Moves time forward without waking anyone (time spent in I/O). */
  set(ms: number): void {
    this.time = ms;
  }

  /** Resolves with the length of the next sleep that starts. */
  nextSleep(): Promise<number> {
    return new Promise((resolve) => this.sleepWaiters.push(resolve));
  }
}
