import { describe, expect, test } from "vitest";
import { collectGatedSuite, type SuiteRegistrar } from "../../src/gates/collect-gated-suite.js";

function fakeRegistrar() {
  const calls = {
    skipped: [] as string[],
    tests: [] as { title: string; fn: () => void }[],
    warnings: [] as string[],
  };
  const registrar: SuiteRegistrar = {
    skipSuite: (title) => calls.skipped.push(title),
    test: (title, fn) => calls.tests.push({ title, fn }),
    warn: (line) => calls.warnings.push(line),
  };
  return { calls, registrar };
}

const missing = async () =>
  "redis-server not found on PATH; install the Debian package redis-server";

describe("collectGatedSuite", () => {
  test("runs the suite body when the service is available", async () => {
    const { calls, registrar } = fakeRegistrar();
    let ran = false;
    await collectGatedSuite(
      "redis",
      async () => undefined,
      () => {
        ran = true;
      },
      { CI: "true" },
      registrar,
    );
    expect(ran).toBe(true);
    expect(calls).toEqual({ skipped: [], tests: [], warnings: [] });
  });

  test("outside CI: prints the reason and registers the suite as skipped", async () => {
    const { calls, registrar } = fakeRegistrar();
    let ran = false;
    await collectGatedSuite(
      "redis",
      missing,
      () => {
        ran = true;
      },
      {},
      registrar,
    );
    expect(ran).toBe(false);
    expect(calls.warnings).toEqual([
      "[testkit] skipping the redis tests: redis is unavailable: redis-server not found on PATH; install the Debian package redis-server",
    ]);
    expect(calls.skipped).toEqual([
      "redis is unavailable: redis-server not found on PATH; install the Debian package redis-server",
    ]);
    expect(calls.tests).toEqual([]);
  });

  test("under CI=true: registers one test that fails with the reason", async () => {
    const { calls, registrar } = fakeRegistrar();
    let ran = false;
    await collectGatedSuite(
      "redis",
      missing,
      () => {
        ran = true;
      },
      { CI: "true" },
      registrar,
    );
    expect(ran).toBe(false);
    expect(calls.skipped).toEqual([]);
    expect(calls.tests.map((t) => t.title)).toEqual(["redis is available"]);
    let thrown: unknown;
    try {
      calls.tests[0]?.fn();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: "TestkitError", code: "service_unavailable" });
    expect((thrown as Error).message).toContain("install the Debian package redis-server");
    expect((thrown as Error).message).toMatch(/^describeWithService: .+CI=true.+\.$/);
  });
});
