import { describe, expect, test } from "vitest";
import { decideServiceGate, requireService } from "../../src/index.js";

describe("requireService", () => {
  test("is available when the probe gives no reason", async () => {
    await expect(requireService("svc", async () => undefined)).resolves.toEqual({
      available: true,
    });
  });

  test("is unavailable with the probe's reason", async () => {
    await expect(
      requireService("redis-server", async () => "redis-server not found on PATH"),
    ).resolves.toEqual({ available: false, reason: "redis-server not found on PATH" });
  });

  test("a throwing probe counts as unavailable, with its message", async () => {
    const result = await requireService("svc", async () => {
      throw new Error("probe crashed");
    });
    expect(result).toEqual({ available: false, reason: "the svc probe failed: probe crashed" });
  });
});

describe("decideServiceGate", () => {
  const missing = { available: false, reason: "redis-server not found on PATH" };

  test("runs an available service whatever CI says", () => {
    expect(decideServiceGate("redis", { available: true }, { CI: "true" })).toEqual({
      action: "run",
    });
    expect(decideServiceGate("redis", { available: true }, {})).toEqual({ action: "run" });
  });

  test("skips a missing service outside CI, with the reason", () => {
    expect(decideServiceGate("redis", missing, {})).toEqual({
      action: "skip",
      reason: "redis is unavailable: redis-server not found on PATH",
    });
  });

  test("fails a missing service when CI=true", () => {
    expect(decideServiceGate("redis", missing, { CI: "true" })).toEqual({
      action: "fail",
      reason: "redis is unavailable: redis-server not found on PATH",
    });
  });

  test.each(["false", "1", "TRUE", ""])("CI=%s is not CI=true: skips", (value) => {
    expect(decideServiceGate("redis", missing, { CI: value }).action).toBe("skip");
  });
});
