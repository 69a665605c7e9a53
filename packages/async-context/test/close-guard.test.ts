import { describe, expect, it } from "vitest";
import { CloseGuard } from "../src/close-guard.js";
import { isClosedError } from "../src/closed-error.js";

describe("CloseGuard", () => {
  it("runs the release once, after tracked work settled", async () => {
    const order: string[] = [];
    let finish!: () => void;
    const guard = new CloseGuard(async () => {
      order.push("release");
    });
    const work = guard.track("Owner.op", () => new Promise<void>((resolve) => (finish = resolve)));
    const closing = Promise.all([guard.close(), guard.close()]);
    expect(guard.isClosed).toBe(true);
    order.push("finish");
    finish();
    await work;
    await closing;
    expect(order).toEqual(["finish", "release"]);
  });

  it("refuses new work once closed", async () => {
    const guard = new CloseGuard();
    await guard.close();
    expect(() => guard.assertOpen("Owner.getToken")).toThrow(/Owner\.getToken/);
    const rejected = await guard.track("Owner.getToken", () => 1).catch((e: unknown) => e);
    expect(isClosedError(rejected)).toBe(true);
  });
});
