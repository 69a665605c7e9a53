import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isCliError } from "../src/cli-error";
import { parseCommandLine } from "../src/command-line";

describe("parseCommandLine", () => {
  it("reads a command and its options", () => {
    expect(
      parseCommandLine([
        "token",
        "--scope",
        "a/.default",
        "--scope=b/.default",
        "--tenant",
        "contoso.test",
        "--json",
        "--cache-dir",
        "cache",
        "--allow-unencrypted",
        "--dev",
      ]),
    ).toEqual({
      kind: "run",
      command: "token",
      options: {
        scopes: ["a/.default", "b/.default"],
        tenant: "contoso.test",
        json: true,
        cacheDir: "cache",
        allowUnencrypted: true,
        dev: true,
        noBrowser: false,
      },
    });
    expect(
      parseCommandLine(["login", "--no-browser", "--timeout", "60", "--client-id", "c"]),
    ).toMatchObject({
      options: { noBrowser: true, timeoutSeconds: 60, clientId: "c", scopes: [] },
    });
  });

  it("answers help and version before anything else on the line", () => {
    expect(parseCommandLine(["--version"])).toEqual({ kind: "version" });
    expect(parseCommandLine(["-h"])).toEqual({ kind: "help" });
    expect(parseCommandLine(["help", "logout"])).toEqual({ kind: "help", command: "logout" });
    expect(parseCommandLine(["token", "--bogus", "--help"])).toEqual({
      kind: "help",
      command: "token",
    });
  });

  it.each([
    [["token", "--scope", "s", "--no-browser"], "unknown_option"],
    [["accounts", "--username", "a"], "unknown_option"],
    [["logout", "--json"], "unknown_option"],
    [["login", "--timeout", "5s"], "invalid_option"],
    [["login", "--timeout", "3601"], "invalid_option"],
    [["token", "--scope", " "], "invalid_option"],
    [["token", "--scope", "s", "--tenant="], "invalid_option"],
    [["token", "--scope", "s", "--username"], "invalid_option"],
    [["logout", "alice"], "invalid_option"],
    [["token", "--json"], "missing_option"],
    [["--dev"], "unknown_command"],
  ])("%j is a usage error (%s, exit 1)", (argv, code) => {
    let caught: unknown;
    try {
      parseCommandLine(argv);
    } catch (error) {
      caught = error;
    }
    expect(isCliError(caught) && [caught.code, caught.exitCode]).toEqual([code, 1]);
  });

  it("never echoes what was typed besides option names (a pasted token stays out of the terminal log)", () => {
    const token = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJ4In0.c2lnbmF0dXJl";
    for (const argv of [
      ["token", token],
      ["token", "--scope", "s", `--${token}`],
      ["token", "--scope", "s", `--json=${token}`],
      [token],
    ]) {
      expect(() => parseCommandLine(argv)).toThrow(/^entrakit/);
      try {
        parseCommandLine(argv);
      } catch (error) {
        expect((error as Error).message).not.toContain(token);
        expect((error as Error).message).not.toContain("c2lnbmF0dXJl");
      }
    }
  });

  it("property: any argv either parses or fails with a usage error that quotes no long input", () => {
    const word = fc.oneof(
      fc.constantFrom(
        "login",
        "token",
        "accounts",
        "logout",
        "--scope",
        "--json",
        "--dev",
        "--tenant",
        "-h",
        "--",
        "=",
      ),
      fc.string({ maxLength: 60 }),
      fc.string({ minLength: 43, maxLength: 80 }).map((text) => `--${text}`),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), (argv) => {
        try {
          const line = parseCommandLine(argv);
          expect(["run", "help", "version"]).toContain(line.kind);
        } catch (error) {
          expect(isCliError(error) && error.exitCode).toBe(1);
          for (const arg of argv) {
            if (arg.length > 42) expect((error as Error).message).not.toContain(arg);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
