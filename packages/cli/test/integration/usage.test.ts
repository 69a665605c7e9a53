// What scripts rely on without any authority: help, version, and exit code 1 for bad usage.
import { readFileSync } from "node:fs";
import { type TempDir, tempDir } from "@entrakit/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, childEnv, runEntrakit } from "../helpers/cli-process";

const { version } = JSON.parse(
  readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
) as {
  version: string;
};
let home: TempDir;
beforeAll(async () => {
  assertBuilt();
  home = await tempDir("entrakit-cli-");
});
afterAll(() => home?.close());

describe("entrakit usage", () => {
  it.each(["login", "token", "accounts", "logout"])(
    "%s --help prints its usage and exits 0",
    async (command) => {
      const result = await runEntrakit([command, "--help"], childEnv(home.path));
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: entrakit ${command} `));
      expect(result.stdout).toContain("--cache-dir <dir>");
      expect(result.stderr).toBe("");
    },
  );

  it("explains in logout --help exactly what it removes", async () => {
    const result = await runEntrakit(["logout", "-h"], childEnv(home.path));
    expect(result.stdout).toContain("msal.cache.nocae and msal.cache.cae");
    expect(result.stdout).toContain("access, refresh and id tokens issued to --client-id");
    expect(result.stdout).toContain("never changes");
  });

  it("prints the overview with the exit codes, and the version", async () => {
    const help = await runEntrakit(["--help"], childEnv(home.path));
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Exit codes:");
    const versionResult = await runEntrakit(["--version"], childEnv(home.path));
    expect(versionResult).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it.each([
    [[], "entrakit: no command given."],
    [["signin"], "entrakit: unknown command."],
    [["token"], "entrakit token: --scope is required."],
    [["token", "--scope"], "entrakit token: option --scope needs a value."],
    [["accounts", "--json=yes"], "entrakit accounts: option --json takes no value."],
    [["token", "--scope", "s", "--frobnicate"], "entrakit token: unknown option --frobnicate."],
    [["token", "--scope", "s", "extra"], "entrakit token: it takes no arguments besides options."],
    [
      ["login", "--dev-user", "alice@contoso.test"],
      "entrakit login: --dev-user works only with --dev.",
    ],
    [
      ["login", "--timeout", "0"],
      "entrakit login: --timeout is not a whole number of seconds between 1 and 3600.",
    ],
    [["token", "--scope", "s", "--tenant", "bad tenant"], "entrakit token: Tenant"],
    [
      ["token", "--scope", "s", "--authority", "http://login.example.com"],
      "entrakit token: Authority:",
    ],
    [["token", "--scope", "s", "--ca-file", "missing.pem"], "entrakit token: the --ca-file"],
  ])("%j exits 1 with a message on stderr", async (args, message) => {
    const result = await runEntrakit(args, childEnv(home.path));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.startsWith(message), result.stderr).toBe(true);
  });
});
