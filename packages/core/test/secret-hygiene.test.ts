import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  checkTenantId,
  fromMsalError,
  normalizeAuthorityHost,
  parseEntraErrorResponse,
} from "../src/index.js";
import { captureLogs, type LogCapture } from "./helpers/log-capture.js";
import { ManualClock } from "./helpers/manual-clock.js";
import { hourMs, ScriptedCredential } from "./helpers/scripted-credential.js";

// Unique values that must never appear in a log line, a message, or an inspected error.
const planted = {
  clientSecret: "Pl4nted~ClientSecret.value_0001",
  authCode: "0.AXkAplantedAuthCode0002-abcdefgh",
  refreshToken: "1.AXkAplantedRefreshToken0003-ijklm",
  accessToken: "eyJ0eXAiOiJKV1QifQ.eyJwbGFudGVkIjoiMDAwNCJ9.cGxhbnRlZFNpZ25hdHVyZTAwMDQ",
  assertion: "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJwbGFudGVkMDAwNSJ9.c2lnMDAwNQ",
  password: "planted-password-0006",
};

const vault = "https://vault.azure.net/.default";
let logs: LogCapture;
afterEach(() => logs.restore());

function expectClean(...texts: string[]): void {
  for (const text of texts) {
    for (const [name, value] of Object.entries(planted)) {
      expect(text, `${name} leaked`).not.toContain(value);
    }
  }
}

function everythingAbout(error: unknown): string[] {
  return [inspect(error, { depth: null }), JSON.stringify(error), String(error), ...logs.lines];
}

describe("secret hygiene at verbose", () => {
  it("keeps secrets quoted by Entra out of the error, its cause and the log", async () => {
    logs = captureLogs("verbose");
    const clock = new ManualClock();
    const credential = new ScriptedCredential(clock);
    const body = {
      error: "invalid_client",
      error_description: `AADSTS7000215: Invalid client secret provided. Request: grant_type=authorization_code&code=${planted.authCode}&client_secret=${planted.clientSecret}&client_assertion=${planted.assertion}\r\nTrace ID: 2e2d6c7b-9a1f-4b8e-8d3c-5f6a7b8c9d00`,
      error_codes: [7000215],
    };
    credential.silent = () => {
      throw new AuthenticationError(401, parseEntraErrorResponse(body), {
        code: "invalid_client",
        cause: fromMsalError(
          Object.assign(new Error(`refresh_token=${planted.refreshToken}`), {
            name: "ServerError",
            errorCode: "invalid_grant",
            errorMessage: `refresh_token=${planted.refreshToken}&password=${planted.password}`,
          }),
          { component: "ScriptedCredential", scopes: [vault] },
        ),
      });
    };

    const error = await credential.getToken(vault).catch((e) => e);

    expect(error.message).toContain("AADSTS7000215");
    expect(logs.lines.length).toBeGreaterThan(0);
    expectClean(...everythingAbout(error));
  });

  it("keeps the token out of the log when a refresh fails and the cached token is served", async () => {
    logs = captureLogs("verbose");
    const clock = new ManualClock();
    const credential = new ScriptedCredential(clock);
    credential.silent = () => ({
      token: planted.accessToken,
      expiresOnTimestamp: clock.now() + hourMs,
      refreshAfterTimestamp: clock.now() + 1,
      tokenType: "Bearer",
    });
    await credential.getToken(vault);
    clock.advance(1);
    credential.silent = () => {
      throw fromMsalError(`Bearer ${planted.accessToken} was refused`, {
        component: "ScriptedCredential",
        scopes: [vault],
      });
    };

    const served = await credential.getToken(vault);

    expect(served.token).toBe(planted.accessToken);
    expect(logs.lines.some((l) => l.includes("refresh failed"))).toBe(true);
    expectClean(...logs.lines);
  });

  it("keeps URL credentials and queries out of authority errors", () => {
    logs = captureLogs("verbose");
    for (const host of [
      `https://user:${planted.password}@exa mple.com`,
      `user:${planted.password}@exa mple.com`,
      `https://login.example/?client_secret=${planted.clientSecret}`,
      `https://user:${planted.password}@login.example`,
      `https://exa mple.com/?code=${planted.authCode}`,
    ]) {
      let error: unknown;
      try {
        normalizeAuthorityHost(host);
      } catch (e) {
        error = e;
      }
      expect((error as { code: string }).code).toBe("invalid_authority");
      expectClean(...everythingAbout(error));
    }
  });

  it("shows at most a bounded, quoted tenant id in its error", () => {
    logs = captureLogs("verbose");
    let error: unknown;
    try {
      checkTenantId(`${"x".repeat(80)}?code=${planted.authCode}`);
    } catch (e) {
      error = e;
    }
    expectClean(...everythingAbout(error));
  });
});
