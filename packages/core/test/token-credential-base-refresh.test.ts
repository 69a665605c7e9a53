import { afterEach, describe, expect, it } from "vitest";
import { AuthenticationError, refreshRetryDelayMs } from "../src/index.js";
import { captureLogs, type LogCapture } from "./helpers/log-capture.js";
import { ManualClock } from "./helpers/manual-clock.js";
import { hourMs, ScriptedCredential } from "./helpers/scripted-credential.js";

const vault = "https://vault.azure.net/.default";
const minute = 60_000;

let logs: LogCapture | undefined;
afterEach(() => {
  logs?.restore();
  logs = undefined;
});

/** A credential holding one cached token that is due for refresh after 50 minutes. */
async function warmCredential() {
  const clock = new ManualClock();
  const credential = new ScriptedCredential(clock);
  const token = await credential.getToken(vault);
  expect(token.refreshAfterTimestamp).toBe(clock.now() + 50 * minute);
  return { clock, credential, token };
}

describe("TokenCredentialBase: refresh", () => {
  it("serves the cached token until refreshAfterTimestamp, then refreshes with forceRefresh", async () => {
    const { clock, credential, token } = await warmCredential();

    clock.advance(50 * minute - 1);
    expect(await credential.getToken(vault)).toBe(token);
    expect(credential.hookCalls).toBe(1);

    clock.advance(1);
    const refreshed = await credential.getToken(vault);

    expect(refreshed.token).not.toBe(token.token);
    expect(credential.silentRequests).toHaveLength(2);
    expect(credential.silentRequests[0]?.forceRefresh).toBe(false);
    expect(credential.silentRequests[1]?.forceRefresh).toBe(true);
    expect(await credential.getToken(vault)).toBe(refreshed);
  });

  it("refreshes no later than 5 minutes before expiry even if the hook set a later refresh time", async () => {
    const clock = new ManualClock();
    const credential = new ScriptedCredential(clock);
    credential.silent = (request) => ({
      ...credential.issue(request),
      refreshAfterTimestamp: clock.now() + 2 * hourMs,
    });
    await credential.getToken(vault);

    clock.advance(55 * minute - 1);
    await credential.getToken(vault);
    expect(credential.hookCalls).toBe(1);
    clock.advance(1);
    await credential.getToken(vault);
    expect(credential.hookCalls).toBe(2);
  });

  it("keeps serving the valid token after a failed refresh, warns, and waits 30 s before retrying", async () => {
    const { clock, credential, token } = await warmCredential();
    logs = captureLogs("warning");
    clock.advance(50 * minute);
    credential.silent = () => {
      throw new AuthenticationError(503, undefined, { code: "network_error" });
    };

    expect(await credential.getToken(vault)).toBe(token);
    expect(credential.hookCalls).toBe(2);
    expect(
      logs.lines.some((l) => /warning ScriptedCredential => getToken: refresh failed/.test(l)),
    ).toBe(true);

    clock.advance(refreshRetryDelayMs - 1);
    expect(await credential.getToken(vault)).toBe(token);
    expect(credential.hookCalls).toBe(2);

    clock.advance(1);
    credential.silent = (request) => credential.issue(request);
    const refreshed = await credential.getToken(vault);
    expect(credential.hookCalls).toBe(3);
    expect(refreshed.token).not.toBe(token.token);
  });

  it("throws the refresh error once the cached token has expired", async () => {
    const { clock, credential } = await warmCredential();
    clock.advance(hourMs);
    const failure = new AuthenticationError(400, { error: "invalid_grant", errorDescription: "" });
    credential.silent = () => {
      throw failure;
    };

    await expect(credential.getToken(vault)).rejects.toBe(failure);
  });
});

describe("TokenCredentialBase: claims challenges", () => {
  const claims = '{"access_token":{"nbf":{"essential":true,"value":"1700000000"}}}';

  it("bypasses the cache, sends the claims, replaces the entry, and claims never stick", async () => {
    const { clock, credential, token } = await warmCredential();

    const challenged = await credential.getToken(vault, { claims });
    expect(challenged.token).not.toBe(token.token);
    expect(credential.silentRequests[1]?.claims).toBe(claims);

    const later = await credential.getToken(vault);
    expect(later).toBe(challenged);
    expect(credential.hookCalls).toBe(2);

    clock.advance(50 * minute);
    await credential.getToken(vault);
    expect(credential.silentRequests[2]?.claims).toBeUndefined();
  });

  it("never falls back to the cached token when the claims request fails", async () => {
    const { credential } = await warmCredential();
    const failure = new AuthenticationError(400, {
      error: "interaction_required",
      errorDescription: "",
    });
    credential.silent = () => {
      throw failure;
    };

    await expect(credential.getToken(vault, { claims })).rejects.toBe(failure);
  });

  it("treats an empty claims string as no claims", async () => {
    const { credential, token } = await warmCredential();

    expect(await credential.getToken(vault, { claims: "" })).toBe(token);
    expect(credential.hookCalls).toBe(1);
  });

  it("gives claims callers their own flight, apart from plain callers", async () => {
    const clock = new ManualClock();
    const credential = new ScriptedCredential(clock);
    const [plain, challenged] = await Promise.all([
      credential.getToken(vault),
      credential.getToken(vault, { claims }),
    ]);

    expect(credential.hookCalls).toBe(2);
    expect(plain.token).not.toBe(challenged.token);
    expect(credential.silentRequests.map((r) => r.claims)).toEqual([undefined, claims]);
  });
});
