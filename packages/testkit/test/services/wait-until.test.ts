import { describe, expect, test } from "vitest";
import { waitUntil } from "../../src/services/wait-until.js";

const never = new Promise<never>(() => {});

describe("waitUntil", () => {
  test("is ready as soon as the check passes", async () => {
    let calls = 0;
    const outcome = await waitUntil(async () => ++calls === 3, { timeoutMs: 10_000, stop: never });
    expect(outcome).toBe("ready");
    expect(calls).toBe(3);
  });

  test("stops when the stop promise settles", async () => {
    const outcome = await waitUntil(async () => false, {
      timeoutMs: 10_000,
      stop: Promise.resolve(),
    });
    expect(outcome).toBe("stopped");
  });

  test("times out after checking at least once", async () => {
    let calls = 0;
    const outcome = await waitUntil(
      async () => {
        calls++;
        return false;
      },
      { timeoutMs: 0, stop: never },
    );
    expect(outcome).toBe("timeout");
    expect(calls).toBe(1);
  });
});
