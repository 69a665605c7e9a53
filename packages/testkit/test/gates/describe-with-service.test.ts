import { afterAll, expect, test } from "vitest";
import { describeWithService } from "../../src/index.js";

// The real vitest wiring: an available service runs its tests, a missing one (outside CI) skips
// them. The CI=true failure path is covered in gated-suite.test.ts, where it cannot fail this run.
const ran: string[] = [];

describeWithService(
  "always-there",
  async () => undefined,
  () => {
    test("runs", () => {
      ran.push("always-there");
    });
  },
);

describeWithService(
  "never-there",
  async () => "never-there is not installed (expected in this test)",
  () => {
    test("is skipped, never run", () => {
      ran.push("never-there");
    });
  },
  { env: {} },
);

afterAll(() => {
  expect(ran).toEqual(["always-there"]);
});
