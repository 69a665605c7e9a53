import { describe, expect, it } from "vitest";
import { AuthenticationError, refreshRetryDelayMs } from "../../src/index.js";
import { ManualClock } from "../helpers/manual-clock.js";
import { hourMs, ScriptedCredential } from "../helpers/scripted-credential.js";

const vault = "https://vault.azure.net/.default";
const minute = 60_000;

async function warmCredential() {
  const clock = new ManualClock();
  const credential = new ScriptedCredential(clock);
  const token = await credential.getToken(vault);
  return { clock, credential, token };
}

// The refresh-failure path judged "still valid" and the 30 s pause by the time the refresh
// started, so a slow failure could hand out an expired token and shorten the pause.
describe("regression: a slow failed refresh used the clock reading from before it started", () => {
  it("never returns a token that expired while its refresh was failing", async () => {
    const { clock, credential } = await warmCredential();
    clock.advance(hourMs - 1000);
    const failure = new AuthenticationError(0, undefined, { code: "timeout" });
    credential.silent = () => {
      clock.advance(5000);
      throw failure;
    };

    await expect(credential.getToken(vault)).rejects.toBe(failure);
  });

  it("counts the 30 s pause from when the refresh failed, not from when it started", async () => {
    const { clock, credential, token } = await warmCredential();
    clock.advance(50 * minute);
    credential.silent = () => {
      clock.advance(20_000);
      throw new AuthenticationError(503, undefined);
    };

    expect(await credential.getToken(vault)).toBe(token);
    clock.advance(refreshRetryDelayMs - 1);
    await credential.getToken(vault);
    expect(credential.hookCalls).toBe(2);
  });
});
