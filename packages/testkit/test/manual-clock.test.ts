import { isInvalidArgumentError } from "@entrakit/core";
import { describe, expect, test } from "vitest";
import { ManualClock } from "../src/index.js";
import { flushMicrotasks, settlement } from "./helpers.js";

describe("ManualClock", () => {
  test("starts at the given time and at a fixed default instant otherwise", () => {
    expect(new ManualClock({ start: 5_000 }).now()).toBe(5_000);
    expect(new ManualClock().now()).toBe(Date.UTC(2026, 0, 1));
  });

  test("time moves only by advance() and set()", async () => {
    const clock = new ManualClock({ start: 0 });
    await flushMicrotasks();
    expect(clock.now()).toBe(0);
    clock.advance(250);
    expect(clock.now()).toBe(250);
    clock.set(10_000);
    expect(clock.now()).toBe(10_000);
  });

  test("resolves sleepers in deadline order, ties in the order they started", async () => {
    const clock = new ManualClock({ start: 0 });
    const woken: string[] = [];
    const sleep = (ms: number, name: string) => clock.sleep(ms).then(() => woken.push(name));
    const all = Promise.all([sleep(300, "c"), sleep(100, "a"), sleep(200, "b1"), sleep(200, "b2")]);
    expect(clock.pendingSleeps).toBe(4);
    expect(clock.nextDeadline).toBe(100);
    clock.advance(300);
    await all;
    expect(woken).toEqual(["a", "b1", "b2", "c"]);
    expect(clock.pendingSleeps).toBe(0);
    expect(clock.nextDeadline).toBeUndefined();
  });

  test("leaves sleepers whose deadline is not reached pending", async () => {
    const clock = new ManualClock({ start: 0 });
    const early = settlement(clock.sleep(100));
    const late = settlement(clock.sleep(1_000));
    clock.advance(999);
    await flushMicrotasks();
    expect(early.state).toBe("resolved");
    expect(late.state).toBe("pending");
    expect(clock.pendingSleeps).toBe(1);
    clock.advance(1);
    await flushMicrotasks();
    expect(late.state).toBe("resolved");
  });

  test("an abort rejects the sleep with the signal's reason and removes it", async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const sleeping = clock.sleep(1_000, controller.signal);
    expect(clock.pendingSleeps).toBe(1);
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
    expect(clock.pendingSleeps).toBe(0);
  });

  test("a signal aborted before sleep() rejects at once without waiting", async () => {
    const clock = new ManualClock();
    const reason = new Error("already aborted");
    await expect(clock.sleep(1_000, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(clock.pendingSleeps).toBe(0);
  });

  test("an abort after the sleep resolved changes nothing", async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(10, controller.signal);
    clock.advance(10);
    await expect(sleeping).resolves.toBeUndefined();
    controller.abort(new Error("late"));
    expect(clock.pendingSleeps).toBe(0);
  });

  test("sleep(0) and negative sleeps resolve without moving time", async () => {
    const clock = new ManualClock({ start: 50 });
    await expect(clock.sleep(0)).resolves.toBeUndefined();
    await expect(clock.sleep(-20)).resolves.toBeUndefined();
    expect(clock.now()).toBe(50);
  });

  test("advance() wakes only the first sleep of a loop; advanceAsync() wakes each in turn", async () => {
    const loop = async (clock: ManualClock, times: number[]) => {
      for (let i = 0; i < 3; i++) {
        await clock.sleep(100);
        times.push(clock.now());
      }
    };
    const syncClock = new ManualClock({ start: 0 });
    const syncTimes: number[] = [];
    void loop(syncClock, syncTimes);
    syncClock.advance(300);
    await flushMicrotasks();
    expect(syncTimes).toEqual([300]);

    const asyncClock = new ManualClock({ start: 0 });
    const asyncTimes: number[] = [];
    const done = loop(asyncClock, asyncTimes);
    await asyncClock.advanceAsync(300);
    await done;
    expect(asyncTimes).toEqual([100, 200, 300]);
    expect(asyncClock.now()).toBe(300);
  });

  test("advanceAsync() stops at its target and reaches code that sleeps later", async () => {
    const clock = new ManualClock({ start: 0 });
    const order: string[] = [];
    const worker = (async () => {
      await Promise.resolve();
      await clock.sleep(50);
      order.push(`first at ${clock.now()}`);
      await clock.sleep(100);
      order.push(`second at ${clock.now()}`);
    })();
    await clock.advanceAsync(100);
    expect(order).toEqual(["first at 50"]);
    expect(clock.now()).toBe(100);
    await clock.advanceAsync(50);
    await worker;
    expect(order).toEqual(["first at 50", "second at 150"]);
  });

  test("autoAdvance lets a retry loop run to completion, moving time by each sleep", async () => {
    const clock = new ManualClock({ start: 0, autoAdvance: true });
    let attempts = 0;
    const retry = async () => {
      for (let delay = 100; ; delay *= 2) {
        attempts++;
        if (attempts === 4) return clock.now();
        await clock.sleep(delay);
      }
    };
    await expect(retry()).resolves.toBe(700);
    expect(clock.pendingSleeps).toBe(0);
  });

  test("autoAdvance also wakes other sleepers whose deadline it passes", async () => {
    const clock = new ManualClock({ start: 0 });
    const other = settlement(clock.sleep(50));
    clock.autoAdvance = true;
    await clock.sleep(100);
    await flushMicrotasks();
    expect(other.state).toBe("resolved");
    expect(clock.now()).toBe(100);
  });

  test("sleeps records every sleep call in order, aborted and zero-length ones included", async () => {
    const clock = new ManualClock({ autoAdvance: true });
    expect(clock.sleeps).toEqual([]);
    await clock.sleep(400);
    await clock.sleep(0);
    await expect(clock.sleep(800, AbortSignal.abort(new Error("gone")))).rejects.toThrow("gone");
    clock.autoAdvance = false;
    const pending = clock.sleep(1_600);
    expect(clock.sleeps).toEqual([400, 0, 800, 1_600]);
    clock.advance(1_600);
    await pending;
  });

  test("a sleep(NaN) that throws is not recorded", () => {
    const clock = new ManualClock();
    expect(() => clock.sleep(Number.NaN)).toThrow();
    expect(clock.sleeps).toEqual([]);
  });

  test("nextSleep resolves with the length of the next sleep, once it starts", async () => {
    const clock = new ManualClock();
    const first = clock.nextSleep();
    const alsoFirst = clock.nextSleep();
    const waiting = settlement(first);
    await flushMicrotasks();
    expect(waiting.state).toBe("pending");
    const sleeping = clock.sleep(250);
    await expect(first).resolves.toBe(250);
    await expect(alsoFirst).resolves.toBe(250);
    // A waiter registered afterwards sees the following sleep, not the one before it.
    const second = clock.nextSleep();
    void clock.sleep(75);
    await expect(second).resolves.toBe(75);
    expect(clock.pendingSleeps).toBe(2);
    clock.advance(250);
    await sleeping;
  });

  test("set() backwards wakes nobody; deadlines stay absolute", async () => {
    const clock = new ManualClock({ start: 1_000 });
    const sleeper = settlement(clock.sleep(500));
    clock.set(0);
    clock.advance(1_400);
    await flushMicrotasks();
    expect(sleeper.state).toBe("pending");
    clock.set(1_500);
    await flushMicrotasks();
    expect(sleeper.state).toBe("resolved");
  });

  test.each([
    ["advance(-1)", (c: ManualClock) => c.advance(-1)],
    ["advance(NaN)", (c: ManualClock) => c.advance(Number.NaN)],
    ["advance(Infinity)", (c: ManualClock) => c.advance(Number.POSITIVE_INFINITY)],
    ["set(NaN)", (c: ManualClock) => c.set(Number.NaN)],
    ["sleep(NaN)", (c: ManualClock) => void c.sleep(Number.NaN)],
    ["new ManualClock({ start: NaN })", () => new ManualClock({ start: Number.NaN })],
  ])("%s throws InvalidArgumentError with code invalid_duration", (_name, act) => {
    const clock = new ManualClock();
    let thrown: unknown;
    try {
      act(clock);
    } catch (error) {
      thrown = error;
    }
    expect(isInvalidArgumentError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: "invalid_duration" });
    expect((thrown as Error).message).toMatch(/^ManualClock: /);
  });

  test("advanceAsync rejects a negative duration", async () => {
    await expect(new ManualClock().advanceAsync(-5)).rejects.toMatchObject({
      code: "invalid_duration",
    });
  });
});
