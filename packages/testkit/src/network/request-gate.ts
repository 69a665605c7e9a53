/**
 * Artificial latency without timers: while any hold is active, requests wait at the gate, so a
 * test can let many callers pile up behind one request and then release it.
 */
export class RequestGate {
  readonly #holds = new Set<Promise<void>>();
  #waiting = 0;

  /** How many requests are waiting at the gate. */
  get waiting(): number {
    return this.#waiting;
  }

  /** True while at least one hold has not been released. */
  get held(): boolean {
    return this.#holds.size > 0;
  }

  /** Closes the gate until the returned function is called (calling it again does nothing). */
  hold(): () => void {
    let release!: () => void;
    const hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#holds.add(hold);
    return () => {
      this.#holds.delete(hold);
      release();
    };
  }

  /** Resolves once no hold is active. */
  async pass(): Promise<void> {
    if (this.#holds.size === 0) return;
    this.#waiting++;
    try {
      while (this.#holds.size > 0) await Promise.all(this.#holds);
    } finally {
      this.#waiting--;
    }
  }
}
