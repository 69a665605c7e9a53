import { type Clock, InvalidArgumentError } from "@entrakit/core";

/** Options of {@link ManualClock}. */
export interface ManualClockOptions {
  /**
   * The time the clock starts at, in milliseconds since the Unix epoch.
   * @defaultValue `Date.UTC(2026, 0, 1)` (a fixed instant, so tests do not depend on today)
   */
  start?: number;
  /**
   * When true, every `sleep(ms)` moves the clock forward by `ms` at once and resolves, so code
   * that sleeps inside retry loops runs to completion without anyone calling `advance`.
   * @defaultValue false
   */
  autoAdvance?: boolean;
}

interface Sleeper {
  readonly deadline: number;
  readonly seq: number;
  readonly resolve: () => void;
  readonly detach: () => void;
}

// Captured at load time so a test that installs fake timers cannot stall advanceAsync().
const realSetImmediate = globalThis.setImmediate;

/** Resolves after every microtask queued so far, and the ones they queue, has run. */
function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}

function invalidMillis(operation: string, value: unknown, expected: string): InvalidArgumentError {
  return new InvalidArgumentError(
    `ManualClock: ${operation} needs ${expected}, got ${String(value)}. Pass ${expected}.`,
    "invalid_duration",
  );
}

function checkAdvance(operation: string, ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) {
    throw invalidMillis(operation, ms, "a finite, non-negative number of milliseconds");
  }
}

/**
 * A {@link Clock} whose time moves only when a test says so. Sleepers resolve in deadline order
 * (ties in the order they started sleeping) once the clock reaches their deadline.
 *
 * @example
 * ```ts
 * const clock = new ManualClock();
 * const done = credential.getToken(scopes); // retries after clock.sleep(1000)
 * await clock.advanceAsync(1000);            // the retry runs, no real time passes
 * await done;
 * ```
 */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  // Kept sorted by (deadline, seq); a handful of sleepers at most, so insertion sort is fine.
  readonly #sleepers: Sleeper[] = [];
  readonly #sleeps: number[] = [];
  #sleepWaiters: Array<(ms: number) => void> = [];

  /** See {@link ManualClockOptions.autoAdvance}; may be switched at any time. */
  autoAdvance: boolean;

  /**
   * @param options - start time and auto-advance mode.
   * @throws InvalidArgumentError (`invalid_duration`) when `start` is not a finite number.
   */
  constructor(options: ManualClockOptions = {}) {
    const start = options.start ?? Date.UTC(2026, 0, 1);
    if (!Number.isFinite(start)) {
      throw invalidMillis(
        "options.start",
        start,
        "a finite number of milliseconds since the epoch",
      );
    }
    this.#now = start;
    this.autoAdvance = options.autoAdvance ?? false;
  }

  /** The clock's current time in milliseconds since the Unix epoch. */
  now(): number {
    return this.#now;
  }

  /** How many `sleep` calls are waiting for the clock. */
  get pendingSleeps(): number {
    return this.#sleepers.length;
  }

  /**
   * The `ms` of every `sleep` call so far, in call order (aborted and zero-length ones too), so a
   * test can check back-off delays without timing anything.
   */
  get sleeps(): readonly number[] {
    return this.#sleeps;
  }

  /**
   * Resolves with the `ms` of the next `sleep` call, once it is made. Lets a test act at the
   * moment code under test starts waiting (e.g. abort during a back-off) without polling.
   *
   * @example
   * ```ts
   * const clock = new ManualClock();
   * const sleeping = clock.nextSleep();
   * const pending = network.sendGetRequestAsync(url); // a 503, then a back-off sleep
   * expect(await sleeping).toBe(400);
   * controller.abort();
   * ```
   */
  nextSleep(): Promise<number> {
    return new Promise((resolve) => this.#sleepWaiters.push(resolve));
  }

  /** The earliest deadline any sleeper waits for, or `undefined` when nobody sleeps. */
  get nextDeadline(): number | undefined {
    return this.#sleepers[0]?.deadline;
  }

  /**
   * Resolves once the clock reaches `now() + ms` (at once when `ms <= 0`, or in auto-advance
   * mode). Rejects with `signal.reason` when the signal aborts first. Every call is recorded in
   * {@link ManualClock.sleeps} and wakes {@link ManualClock.nextSleep} waiters.
   *
   * @throws InvalidArgumentError (`invalid_duration`) when `ms` is not a number.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    // Negative delays are allowed because retry code often computes `deadline - now`.
    if (typeof ms !== "number" || Number.isNaN(ms)) {
      throw invalidMillis("sleep(ms)", ms, "a number of milliseconds");
    }
    this.#sleeps.push(ms);
    const waiters = this.#sleepWaiters;
    this.#sleepWaiters = [];
    for (const waiter of waiters) waiter(ms);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const deadline = this.#now + Math.max(0, ms);
    const promise = new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.#remove(sleeper);
        reject(signal?.reason);
      };
      const sleeper: Sleeper = {
        deadline,
        seq: this.#seq++,
        resolve,
        detach: () => signal?.removeEventListener("abort", onAbort),
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#insert(sleeper);
    });
    if (this.autoAdvance && Number.isFinite(deadline) && deadline > this.#now) this.#now = deadline;
    this.#releaseDue();
    return promise;
  }

  /**
   * Moves the clock forward by `ms` and resolves every sleeper whose deadline is reached, in
   * deadline order. Code that resumes and sleeps again is not seen; use {@link advanceAsync}.
   *
   * @throws InvalidArgumentError (`invalid_duration`) when `ms` is negative or not finite.
   */
  advance(ms: number): void {
    checkAdvance("advance(ms)", ms);
    this.#now += ms;
    this.#releaseDue();
  }

  /**
   * Sets the clock to `time` (backwards too, e.g. to simulate clock skew) and resolves every
   * sleeper whose deadline is reached. Deadlines are absolute and do not move with the clock.
   *
   * @throws InvalidArgumentError (`invalid_duration`) when `time` is not a finite number.
   */
  set(time: number): void {
    if (!Number.isFinite(time)) {
      throw invalidMillis("set(time)", time, "a finite number of milliseconds since the epoch");
    }
    this.#now = time;
    this.#releaseDue();
  }

  /**
   * Moves the clock forward by `ms` one deadline at a time: at each deadline it resolves the due
   * sleepers and lets microtasks run, so code that wakes up and sleeps again within the window
   * is woken again. Resolves once the clock stands at `now() + ms` and microtasks are flushed.
   *
   * @throws InvalidArgumentError (`invalid_duration`) when `ms` is negative or not finite.
   */
  async advanceAsync(ms: number): Promise<void> {
    checkAdvance("advanceAsync(ms)", ms);
    const target = this.#now + ms;
    await flushMicrotasks();
    for (;;) {
      const next = this.#sleepers[0];
      if (next === undefined || next.deadline > target) break;
      if (next.deadline > this.#now) this.#now = next.deadline;
      this.#releaseDue();
      await flushMicrotasks();
    }
    if (this.#now < target) this.#now = target;
    this.#releaseDue();
    await flushMicrotasks();
  }

  #insert(sleeper: Sleeper): void {
    let index = this.#sleepers.length;
    while (index > 0 && this.#sleepers[index - 1]!.deadline > sleeper.deadline) index--;
    this.#sleepers.splice(index, 0, sleeper);
  }

  #remove(sleeper: Sleeper): void {
    const index = this.#sleepers.indexOf(sleeper);
    if (index !== -1) this.#sleepers.splice(index, 1);
  }

  #releaseDue(): void {
    while (this.#sleepers.length > 0 && this.#sleepers[0]!.deadline <= this.#now) {
      const sleeper = this.#sleepers.shift()!;
      sleeper.detach();
      sleeper.resolve();
    }
  }
}
