import { inspect } from "node:util";
import { isAuthenticationError } from "@entrakit/core";
import { createSecretScanner, ManualClock } from "@entrakit/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isCliError } from "../src/cli-error";
import { LoopbackRedirectServer } from "../src/loopback-redirect-server";
import { waitForAuthorizationCode } from "../src/wait-for-authorization-code";
import { followToLoopback } from "./helpers/browser";

let server: LoopbackRedirectServer;
let clock: ManualClock;
let notices: string[];
beforeEach(async () => {
  server = await LoopbackRedirectServer.start();
  clock = new ManualClock();
  notices = [];
});
afterEach(() => server.close());

const wait = (extra: Partial<Parameters<typeof waitForAuthorizationCode>[1]> = {}) =>
  waitForAuthorizationCode(server, {
    state: "the-state",
    timeoutMs: 300_000,
    clock,
    signal: undefined,
    notice: (line) => notices.push(line),
    ...extra,
  });
const redirect = (query: string) => followToLoopback(`${server.redirectUri}/?${query}`);

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new TypeError("expected a rejection");
}

describe("waitForAuthorizationCode", () => {
  it("returns the code of the first response whose state matches, ignoring forged ones", async () => {
    const arrival = wait();
    const forged = await redirect("code=forged&state=other");
    expect(forged.status).toBe(400);
    expect(notices).toEqual([
      "entrakit login: ignored a sign-in response whose state does not match this sign-in. Still waiting.",
    ]);
    const page = redirect("code=the-code&state=the-state");
    const { code, redirect: request } = await arrival;
    expect(code).toBe("the-code");
    request.reply(200, "Signed in", "ok");
    expect((await page).status).toBe(200);
  });

  it("times out after the timeout on the injected clock, with exit code 2", async () => {
    const outcome = rejectionOf(wait({ timeoutMs: 5_000 }));
    await clock.advanceAsync(4_999);
    expect(clock.pendingSleeps).toBe(1);
    await clock.advanceAsync(1);
    const error = await outcome;
    expect(isCliError(error) && error.code).toBe("sign_in_timeout");
    expect((error as Error).message).toBe(
      "entrakit login: no sign-in response arrived within 5 seconds. Run `entrakit login` again, or give more time with --timeout.",
    );
    expect((error as { exitCode: number }).exitCode).toBe(2);
  });

  it("stops at once when the signal aborts (Ctrl+C), and cancels its timer", async () => {
    const controller = new AbortController();
    const arrival = wait({ signal: controller.signal });
    const reason = new Error("interrupted");
    controller.abort(reason);
    expect(await rejectionOf(arrival)).toBe(reason);
    expect(clock.pendingSleeps).toBe(0);
  });

  it("throws the authority's error redirect and shows a failure page", async () => {
    const arrival = wait();
    const page = redirect(
      "error=access_denied&error_description=AADSTS65004%3A+declined&state=the-state",
    );
    const error = await rejectionOf(arrival);
    expect(isAuthenticationError(error) && error.code).toBe("access_denied");
    expect((await page).body).toContain("Sign-in failed");
  });

  it("ends the wait when the work beside it fails", async () => {
    const failure = new TypeError("dev sign-in failed");
    expect(await rejectionOf(wait({ alongside: Promise.reject(failure) }))).toBe(failure);
  });

  it("keeps codes out of log lines, notices and errors", async () => {
    const scanner = createSecretScanner();
    using logs = scanner.captureLogs();
    const arrival = wait();
    await redirect(`code=${scanner.plant("forged-code")}&state=forged`);
    const page = redirect(`error=server_error&code=${scanner.plant("code")}&state=the-state`);
    const error = await rejectionOf(arrival);
    await page;
    expect(logs.lines.some((line) => line.includes("authorization response received"))).toBe(true);
    scanner.assertClean(logs, error, inspect(error, { depth: null }), notices.join("\n"));
  });
});
