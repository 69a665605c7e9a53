import { describe, expect, it } from "vitest";
import type { AccessTokenInfo } from "../../src/index.js";
import { ManualClock } from "../helpers/manual-clock.js";
import { ScriptedCredential } from "../helpers/scripted-credential.js";

const vault = "https://vault.azure.net/.default";

// A token living less than the 5-minute refresh window was stored already due, so every call
// fetched a new one: a request storm for authorities that issue short-lived tokens.
describe("regression: a token shorter-lived than the refresh window was fetched on every call", () => {
  it("serves it for half its remaining life, then refreshes once", async () => {
    const clock = new ManualClock();
    const credential = new ScriptedCredential(clock);
    const short = (lifetimeMs: number) => (): AccessTokenInfo => ({
      token: `t${clock.now()}`,
      expiresOnTimestamp: clock.now() + lifetimeMs,
      refreshAfterTimestamp: clock.now() + lifetimeMs,
      tokenType: "Bearer",
    });
    credential.silent = short(60_000);
    const first = await credential.getToken(vault);
    for (let i = 0; i < 100; i++) expect(await credential.getToken(vault)).toBe(first);
    expect(credential.hookCalls).toBe(1);

    clock.advance(30_000);
    const second = await credential.getToken(vault);
    expect(second).not.toBe(first);
    expect(second.expiresOnTimestamp).toBeGreaterThan(clock.now());
    expect(credential.hookCalls).toBe(2);
  });
});
