import { describe, expect, it } from "vitest";
import { systemClock } from "../src/index.js";

describe("systemClock", () => {
  it("reads the wall clock", () => {
    const before = Date.now();
    const now = systemClock.now();

    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it("resolves a sleep", async () => {
    await expect(systemClock.sleep(1)).resolves.toBeUndefined();
  });

  it("rejects with the signal's reason when aborted before or during the sleep", async () => {
    const reason = new Error("stop");
    await expect(systemClock.sleep(10, AbortSignal.abort(reason))).rejects.toBe(reason);

    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
  });
});
