import { describe, expect, it } from "vitest";
import { runInCredentialChain } from "../src/credential-chain.js";
import { type AzureLogLevel, logLevelInContext } from "../src/log-level-in-context.js";

const levels: AzureLogLevel[] = ["error", "warning", "info", "verbose"];

describe("logLevelInContext", () => {
  it.each(levels)("keeps %s outside a credential chain", (level) => {
    expect(logLevelInContext(level)).toBe(level);
  });

  it.each([
    ["error", "warning"],
    ["warning", "info"],
    ["info", "verbose"],
    ["verbose", "verbose"],
  ] as const)("lowers %s to %s inside a credential chain", (level, lowered) => {
    expect(runInCredentialChain(() => logLevelInContext(level))).toBe(lowered);
  });

  it("lowers inside a chain after an await", async () => {
    const level = await runInCredentialChain(async () => {
      await Promise.resolve();
      return logLevelInContext("error");
    });

    expect(level).toBe("warning");
  });
});
