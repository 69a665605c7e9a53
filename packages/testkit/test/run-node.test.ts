import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { lastJson, runNode } from "../src/index.js";

const fixtures = join(import.meta.dirname, "fixtures");
const report = join(fixtures, "report.mjs");

describe("runNode", () => {
  test("runs a script with its arguments and exactly the given environment", async () => {
    const result = await runNode(report, ["0", "a b", "c"], { ENTRAKIT_RUN_NODE_MARKER: "m1" });
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith("starting\n")).toBe(true);
    expect(result.stderr).toBe("a warning on stderr\n");
    expect(lastJson(result)).toEqual({
      args: ["a b", "c"],
      marker: "m1",
      hooked: false,
      inherited: false,
    });
  });

  test("passes nodeArgs to Node before the script", async () => {
    const result = await runNode(report, ["0"], {}, ["--import", join(fixtures, "hook.mjs")]);
    expect(lastJson<{ hooked: boolean }>(result).hooked).toBe(true);
  });

  test("resolves with a failing exit code instead of rejecting", async () => {
    const result = await runNode(report, ["3"], {});
    expect(result.code).toBe(3);
    expect(lastJson<{ args: string[] }>(result).args).toEqual([]);
  });
});

describe("lastJson", () => {
  test("throws no_json_output quoting the exit code and both streams", async () => {
    const result = await runNode(report, ["nojson"], {});
    let thrown: unknown;
    try {
      lastJson(result);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: "TestkitError", code: "no_json_output" });
    const message = (thrown as Error).message;
    expect(message).toMatch(
      /^lastJson: the child printed no JSON on its last stdout line \(exit code 2\)\./,
    );
    expect(message).toContain("no json here");
    expect(message).toContain("a warning on stderr");
  });

  test("reads only the last line", () => {
    expect(lastJson({ code: 0, stdout: '{"first":1}\n{"last":2}\n', stderr: "" })).toEqual({
      last: 2,
    });
  });
});
