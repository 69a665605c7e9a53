import { describe, expect, it } from "vitest";
import { SingleFlight } from "../../src/index.js";
import { flushMicrotasks } from "../helpers/deferred.js";

// A caller whose signal had already aborted still started the operation on a cold key; nobody
// waited on it, so its failure surfaced as an unhandled rejection.
describe("regression: an already-aborted caller started an orphan operation", () => {
  it("does not start an operation for a caller whose signal already aborted", async () => {
    const flights = new SingleFlight<string>();
    let runs = 0;
    const controller = new AbortController();
    const reason = new Error("already gone");
    controller.abort(reason);

    await expect(
      flights.run(
        "k",
        async () => {
          runs++;
          throw new Error("nobody listens to this");
        },
        controller.signal,
      ),
    ).rejects.toBe(reason);
    await flushMicrotasks();

    expect(runs).toBe(0);
    expect(flights.size).toBe(0);
  });
});
