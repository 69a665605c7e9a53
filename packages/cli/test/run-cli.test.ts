import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cliVersion, exitCodes, runCli } from "../src/index";

async function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: { write: (text) => (stdout += text) },
    stderr: { write: (text) => (stderr += text) },
    env: {},
  });
  return { code, stdout, stderr };
}

describe("runCli", () => {
  it("prints the version from package.json", async () => {
    const { version } = JSON.parse(
      readFileSync(new URL("../package.json", import.meta.url), "utf8"),
    ) as { version: string };
    expect(cliVersion).toBe(version);
    expect(await run(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("prints help on stdout and usage errors on stderr, with their exit codes", async () => {
    const help = await run(["help", "token"]);
    expect(help).toMatchObject({ code: exitCodes.ok, stderr: "" });
    expect(help.stdout).toMatch(/^Usage: entrakit token --scope <scope>/);
    expect(await run(["token", "--scope"])).toEqual({
      code: exitCodes.usage,
      stdout: "",
      stderr:
        "entrakit token: option --scope needs a value. Run `entrakit token --help` for its options.\n",
    });
  });

  it("never rejects: a failing command becomes a message and an exit code", async () => {
    const result = await run(["token", "--scope", "s", "--ca-file", "/nonexistent/ca.pem"]);
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(result.stderr).toMatch(
      /^entrakit token: the --ca-file \/nonexistent\/ca\.pem cannot be read \(ENOENT\)\./,
    );
  });
});
