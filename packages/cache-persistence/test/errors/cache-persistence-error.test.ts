import { inspect } from "node:util";
import { isCredentialUnavailableError } from "@entrakit/core";
import { describe, expect, it } from "vitest";
import { cachePersistenceError, toSafeCause } from "../../src/index";

describe("cachePersistenceError", () => {
  it("is a CredentialUnavailableError with a code and a safe cause", () => {
    const cause = Object.assign(new Error("EACCES: permission denied, open '/x'"), {
      code: "EACCES",
      syscall: "open",
      path: "/x",
    });
    const error = cachePersistenceError(
      "FilePersistence: could not write. Fix it.",
      "cache_write_failed",
      cause,
    );
    expect(isCredentialUnavailableError(error)).toBe(true);
    expect(error.code).toBe("cache_write_failed");
    expect(error.cause).toMatchObject({
      message: "EACCES: permission denied, open '/x'",
      code: "EACCES",
      syscall: "open",
      path: "/x",
    });
  });
});

describe("toSafeCause", () => {
  it("drops what client libraries hang on errors (command arguments) and redacts the message", () => {
    const planted = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    const raw = Object.assign(new Error(`ERR failed for token ${planted}`), {
      command: { name: "eval", args: ["script", "1", "key", `{"secret":"${planted}"}`] },
      cause: Object.assign(new Error(`inner ${planted}`), { args: [planted] }),
    });
    const safe = toSafeCause(raw);
    expect(inspect(safe, { depth: null })).not.toContain(planted);
    expect(safe?.message).toContain("[redacted]");
  });

  it("copes with non-errors and undefined", () => {
    expect(toSafeCause(undefined)).toBeUndefined();
    expect(toSafeCause("plain")?.message).toBe("plain");
  });
});
