import { AuthenticationError, CredentialUnavailableError } from "@entrakit/core";
import { describe, expect, it } from "vitest";
import { CliError } from "../src/cli-error";
import { createCommandContext } from "../src/command-context";
import { type CommandName, type CommandOptions, parseCommandLine } from "../src/command-line";
import { reportFailure } from "../src/report-failure";

function report(error: unknown, command: CommandName, argv: string[] = [], signal?: AbortSignal) {
  let stderr = "";
  const context = createCommandContext(command, {
    stdout: { write: () => {} },
    stderr: { write: (text) => (stderr += text) },
    ...(signal ? { signal } : {}),
  });
  const line = parseCommandLine([
    command,
    ...(command === "token" ? ["--scope", "s"] : []),
    ...argv,
  ]);
  const options = (line as { options: CommandOptions }).options;
  return { code: reportFailure(error, context, options), stderr };
}

describe("reportFailure", () => {
  it("prints a CliError as it is", () => {
    expect(
      report(new CliError("entrakit token: no account. Run login.", "no_account", 2), "token"),
    ).toEqual({
      code: 2,
      stderr: "entrakit token: no account. Run login.\n",
    });
  });

  it("prefixes credential messages and adds a hint in the CLI's own flags", () => {
    const multiple = new CredentialUnavailableError(
      "SharedTokenCacheCredential: many. Pass username.",
      {
        code: "multiple_matching_accounts",
      },
    );
    expect(report(multiple, "token").stderr).toBe(
      "entrakit token: SharedTokenCacheCredential: many. Pass username.\nhint: choose the account with --username <upn> (and --tenant <id>); `entrakit accounts` lists them.\n",
    );
    const keyring = new CredentialUnavailableError("KeyringPersistence: unavailable.", {
      code: "keyring_unavailable",
    });
    expect(report(keyring, "login")).toMatchObject({
      code: 4,
      stderr: expect.stringContaining("hint: or pass --allow-unencrypted"),
    });
    expect(report(keyring, "login", ["--allow-unencrypted"]).stderr).not.toContain(
      "--allow-unencrypted",
    );
  });

  it("explains that refreshing a token of an embedded dev authority needs a running one", () => {
    const offline = new AuthenticationError(
      0,
      { error: "network_error", errorDescription: "" },
      {
        code: "network_error",
        message: "SharedTokenCacheCredential: no answer.",
      },
    );
    const { code, stderr } = report(offline, "token", ["--dev"]);
    expect(code).toBe(3);
    expect(stderr).toContain(
      "hint: this token needs a refresh, which needs a running dev authority",
    );
  });

  it("redacts the message of an unexpected error", () => {
    const { code, stderr } = report(
      new Error("failed at https://x.test/?code=abc123secret"),
      "accounts",
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/^entrakit accounts: unexpected Error: /);
    expect(stderr).not.toContain("abc123secret");
  });

  it("exits 130 after Ctrl+C, whatever was thrown", () => {
    const controller = new AbortController();
    controller.abort();
    expect(report(new Error("aborted"), "login", [], controller.signal)).toEqual({
      code: 130,
      stderr: "entrakit login: interrupted.\n",
    });
  });
});
