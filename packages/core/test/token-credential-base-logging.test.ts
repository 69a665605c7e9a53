import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthenticationError, type LogLevel } from "../src/index.js";
import { captureLogs, type LogCapture } from "./helpers/log-capture.js";
import { ManualClock } from "./helpers/manual-clock.js";
import { hourMs, ScriptedCredential } from "./helpers/scripted-credential.js";

const vault = "https://vault.azure.net/.default";
const plantedToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.planted-access-token-7f3c.c2lnbmF0dXJl";

let logs: LogCapture;
afterEach(() => logs.restore());

// `<namespace>:<level> <Component> => <operation>: <message> key=value ...`
const lineShape =
  /^azure:entrakit:core-test:(verbose|info|warning|error) ScriptedCredential => [A-Za-z]+: [^=]+?( [A-Za-z]+=("[^"]*"|\S+))*$/;

describe("TokenCredentialBase: logging", () => {
  it("writes lines in the project's shape and never the token value", async () => {
    logs = captureLogs("verbose");
    const clock = new ManualClock();
    const credential = new ScriptedCredential(clock);
    credential.silent = () => ({
      token: plantedToken,
      expiresOnTimestamp: clock.now() + hourMs,
      refreshAfterTimestamp: clock.now() + 30 * 60_000,
      tokenType: "Bearer",
    });

    await credential.getToken(vault);
    clock.advance(30 * 60_000);
    credential.silent = () => {
      throw new AuthenticationError(500, undefined);
    };
    await credential.getToken(vault);
    clock.advance(hourMs);
    await credential.getToken(vault).catch(() => undefined);

    expect(logs.lines.length).toBeGreaterThanOrEqual(4);
    for (const line of logs.lines) {
      expect(line).toMatch(lineShape);
      expect(line).not.toContain(plantedToken);
      expect(line).not.toContain("planted-access-token");
    }
    const text = logs.lines.join("\n");
    expect(text).toMatch(
      /:verbose ScriptedCredential => getToken: cache miss tenant=tenant-a scopes=https:\/\/vault.azure.net\/.default cae=false/,
    );
    expect(text).toMatch(
      /:info ScriptedCredential => getToken: token acquired .*expiresOn=2030-01-01T01:00:00.000Z/,
    );
    expect(text).toMatch(
      /:warning ScriptedCredential => getToken: refresh failed; serving the cached token .*error=AuthenticationError/,
    );
    expect(text).toMatch(
      /:error ScriptedCredential => getToken: failed .*error=AuthenticationError/,
    );
  });

  it("writes nothing on a warm call", async () => {
    logs = captureLogs("verbose");
    const credential = new ScriptedCredential();
    await credential.getToken(vault);
    const before = logs.lines.length;

    await credential.getToken(vault);

    expect(logs.lines.length).toBe(before);
  });

  it("writes nothing below the configured level", async () => {
    logs = captureLogs("warning");
    const credential = new ScriptedCredential();

    await credential.getToken(vault);

    expect(logs.lines).toEqual([]);
  });

  it("builds no facts for a level that is off (no dates formatted)", async () => {
    logs = captureLogs("warning");
    const credential = new ScriptedCredential();
    const toISOString = vi.spyOn(Date.prototype, "toISOString");
    try {
      await credential.getToken(vault);
      expect(toISOString).not.toHaveBeenCalled();
    } finally {
      toISOString.mockRestore();
    }
    expect(logs.lines).toEqual([]);
  });

  it("maps levels through adjustLogLevel (credential chains lower them)", async () => {
    logs = captureLogs("info");
    const lower: Record<LogLevel, LogLevel> = {
      error: "warning",
      warning: "info",
      info: "verbose",
      verbose: "verbose",
    };
    const credential = new ScriptedCredential(new ManualClock(), {
      adjustLogLevel: (level) => lower[level],
    });
    credential.silent = () => {
      throw new AuthenticationError(401, undefined);
    };

    await credential.getToken(vault).catch(() => undefined);

    expect(logs.lines).toHaveLength(1);
    expect(logs.lines[0]).toMatch(
      /^azure:entrakit:core-test:warning ScriptedCredential => getToken: failed/,
    );
  });

  it("keeps planted secrets out of log lines and out of the inspected error", async () => {
    logs = captureLogs("verbose");
    const secret = "planted-client-secret-Q8~x.y_z";
    const clock = new ManualClock();
    const credential = new ScriptedCredential(clock);
    credential.silent = () => {
      throw new AuthenticationError(
        400,
        {
          error: "invalid_client",
          errorDescription: `AADSTS7000215: Invalid client secret provided. client_secret=${secret}&refresh_token=${plantedToken}`,
        },
        { cause: new Error("socket hang up") },
      );
    };

    const error = await credential.getToken(vault).catch((e) => e);

    const inspected = inspect(error, { depth: null });
    for (const text of [...logs.lines, inspected, error.message]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(plantedToken);
    }
  });
});
