import { describe, expect, it } from "vitest";
import { SingleFlight } from "../../src/index.js";
import { deferred, flushMicrotasks } from "../helpers/deferred.js";

// Once every waiting caller had aborted, the flight stayed in the map until its operation
// settled, so a caller arriving meanwhile joined an operation that could only fail.
describe("regression: a new caller joined an aborted flight", () => {
  it("starts a new operation for a caller arriving after every earlier caller aborted", async () => {
    const flights = new SingleFlight<string>();
    const first = deferred<string>();
    const signals: AbortSignal[] = [];
    let runs = 0;
    const run = (signal: AbortSignal) => {
      signals.push(signal);
      runs++;
      return runs === 1 ? first.promise : Promise.resolve("fresh");
    };
    const one = new AbortController();
    const p1 = flights.run("k", run, one.signal).catch((e) => e);
    await flushMicrotasks();
    one.abort();
    await p1;

    const late = flights.run("k", run);
    first.reject(signals[0]?.reason);

    await expect(late).resolves.toBe("fresh");
    expect(runs).toBe(2);
    expect(signals[1]?.aborted).toBe(false);
  });
});
