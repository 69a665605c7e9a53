import { describe, expect, it } from "vitest";
import { SingleFlight } from "../src/index.js";
import { deferred, flushMicrotasks, stateOf } from "./helpers/deferred.js";

describe("SingleFlight", () => {
  it("runs once per key for 1,000 concurrent callers and gives each the same value", async () => {
    const flights = new SingleFlight<object>();
    const gate = deferred();
    const value = {};
    let runs = 0;
    const run = async () => {
      runs++;
      await gate.promise;
      return value;
    };

    const callers = Array.from({ length: 1000 }, (_, i) =>
      flights.run("key", run, i % 2 === 0 ? new AbortController().signal : undefined),
    );
    await flushMicrotasks();
    expect(flights.size).toBe(1);
    gate.resolve();
    const results = await Promise.all(callers);

    expect(runs).toBe(1);
    expect(results.every((r) => r === value)).toBe(true);
  });

  it("runs separate keys separately", async () => {
    const flights = new SingleFlight<string>();
    const seen: string[] = [];
    const results = await Promise.all(
      ["a", "b", "a", "c", "b"].map((key) =>
        flights.run(key, async () => {
          seen.push(key);
          return key.toUpperCase();
        }),
      ),
    );

    expect(seen.sort()).toEqual(["a", "b", "c"]);
    expect(results).toEqual(["A", "B", "A", "C", "B"]);
  });

  it("frees the key after success and after failure", async () => {
    const flights = new SingleFlight<number>();
    let runs = 0;

    await expect(flights.run("k", async () => ++runs)).resolves.toBe(1);
    expect(flights.size).toBe(0);
    await expect(
      flights.run("k", async () => {
        runs++;
        throw new RangeError("boom");
      }),
    ).rejects.toThrow("boom");
    expect(flights.size).toBe(0);
    await expect(flights.run("k", async () => ++runs)).resolves.toBe(3);
  });

  it("gives every caller the same rejection", async () => {
    const flights = new SingleFlight<number>();
    const failure = new RangeError("nope");
    const gate = deferred();
    const run = async () => {
      await gate.promise;
      throw failure;
    };
    const a = flights.run("k", run).catch((e) => e);
    const b = flights.run("k", run, new AbortController().signal).catch((e) => e);
    gate.resolve();

    expect(await a).toBe(failure);
    expect(await b).toBe(failure);
  });

  it("turns a synchronous throw in run into a rejection", async () => {
    const flights = new SingleFlight<number>();
    const failure = new TypeError("sync");

    await expect(
      flights.run("k", () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
  });

  it("rejects only the caller whose signal aborted", async () => {
    const flights = new SingleFlight<string>();
    const gate = deferred<string>();
    let shared: AbortSignal | undefined;
    const run = (signal: AbortSignal) => {
      shared = signal;
      return gate.promise;
    };
    const one = new AbortController();
    const two = new AbortController();
    const p1 = flights.run("k", run, one.signal);
    const p2 = flights.run("k", run, two.signal);
    await flushMicrotasks();

    const reason = new Error("one aborted");
    one.abort(reason);

    await expect(p1).rejects.toBe(reason);
    expect(await stateOf(p2)).toBe("pending");
    expect(shared?.aborted).toBe(false);
    gate.resolve("value");
    await expect(p2).resolves.toBe("value");
  });

  it("aborts the shared operation only when every waiting caller has aborted", async () => {
    const flights = new SingleFlight<string>();
    let shared: AbortSignal | undefined;
    const run = (signal: AbortSignal) => {
      shared = signal;
      return new Promise<string>((_, reject) => {
        signal.addEventListener("abort", () => reject(signal.reason));
      });
    };
    const one = new AbortController();
    const two = new AbortController();
    const p1 = flights.run("k", run, one.signal).catch((e) => e);
    const p2 = flights.run("k", run, two.signal).catch((e) => e);
    await flushMicrotasks();

    one.abort();
    expect(shared?.aborted).toBe(false);
    const last = new Error("last one out");
    two.abort(last);

    expect(shared?.aborted).toBe(true);
    expect(shared?.reason).toBe(last);
    expect((await p1).name).toBe("AbortError");
    expect(await p2).toBe(last);
  });

  it("never aborts the shared operation while a caller without a signal waits", async () => {
    const flights = new SingleFlight<string>();
    const gate = deferred<string>();
    let shared: AbortSignal | undefined;
    const run = (signal: AbortSignal) => {
      shared = signal;
      return gate.promise;
    };
    const one = new AbortController();
    const p1 = flights.run("k", run, one.signal).catch((e) => e);
    const pinned = flights.run("k", run);
    await flushMicrotasks();

    one.abort();
    await p1;

    expect(shared?.aborted).toBe(false);
    gate.resolve("done");
    await expect(pinned).resolves.toBe("done");
  });

  it("uses an AbortError when the signal has no reason", async () => {
    const flights = new SingleFlight<string>();
    const gate = deferred<string>();
    const listeners: (() => void)[] = [];
    const signal = {
      aborted: false,
      addEventListener: (_: "abort", listener: () => void) => listeners.push(listener),
      removeEventListener: () => undefined,
    };
    const p = flights.run("k", () => gate.promise, signal).catch((e) => e);
    await flushMicrotasks();
    signal.aborted = true;
    for (const listener of listeners) listener();

    const error = await p;
    expect(error).toBeInstanceOf(DOMException);
    expect(error.name).toBe("AbortError");
    gate.resolve("late");
  });

  it("runLazy creates the operation's signal only when asked, once, aborted if every caller was", async () => {
    const flights = new SingleFlight<string>();
    const gate = deferred();
    let lazy: (() => AbortSignal) | undefined;
    const caller = new AbortController();
    const pending = flights.runLazy(
      "key",
      async (signal) => {
        lazy = signal;
        await gate.promise;
        return "value";
      },
      caller.signal,
    );
    await flushMicrotasks();
    caller.abort("gone");
    await expect(pending).rejects.toBe("gone");
    const signal = lazy?.();
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBe("gone");
    expect(lazy?.()).toBe(signal);
    gate.resolve();
  });

  it("runLazy's signal stays quiet while a caller without a signal waits", async () => {
    const flights = new SingleFlight<string>();
    let lazy: (() => AbortSignal) | undefined;
    const value = await flights.runLazy("key", async (signal) => {
      lazy = signal;
      return "value";
    });
    expect(value).toBe("value");
    expect(lazy?.().aborted).toBe(false);
  });
});
