import {
  AuthenticationError,
  AuthenticationRequiredError,
  CredentialUnavailableError,
  InvalidArgumentError,
} from "@entrakit/core";
import { describe, expect, it } from "vitest";
import { CliError } from "../src/cli-error";
import { exitCodeFor, exitCodes } from "../src/exit-codes";

const authError = (code: string) =>
  new AuthenticationError(
    400,
    { error: code, errorDescription: "" },
    { code, message: "Test: refused." },
  );

describe("exitCodeFor", () => {
  it.each([
    [
      "a CliError's own code",
      new CliError("entrakit x: y. z.", "no_account", exitCodes.authenticationRequired),
      2,
    ],
    [
      "authentication required",
      new AuthenticationRequiredError({
        scopes: ["s"],
        message: "Test: expired. Sign in.",
        code: "refresh_token_expired",
      }),
      2,
    ],
    ["no accounts", new CredentialUnavailableError("Test: none.", { code: "no_accounts" }), 2],
    [
      "several accounts",
      new CredentialUnavailableError("Test: many.", { code: "multiple_matching_accounts" }),
      2,
    ],
    [
      "a locked keyring",
      new CredentialUnavailableError("Test: locked.", { code: "keyring_unavailable" }),
      4,
    ],
    [
      "a lock timeout",
      new CredentialUnavailableError("Test: lock.", { code: "cache_lock_timeout" }),
      4,
    ],
    ["a refused grant", authError("invalid_grant"), 2],
    ["a declined sign-in", authError("access_denied"), 2],
    ["an unreachable authority", authError("network_error"), 3],
    ["a refused client", authError("invalid_client"), 3],
    ["a bad tenant", new InvalidArgumentError("Test: bad tenant.", "invalid_tenant_id"), 1],
    ["anything else", new Error("boom"), 1],
  ])("%s exits %i", (_what, error, code) => {
    expect(exitCodeFor(error)).toBe(code);
  });
});
