// Waits for the browser to come back with the authorization response, for at most the sign-in
// timeout. A response whose state does not match is answered and ignored: it was not caused by
// this sign-in (a stale tab, or a page trying to inject its own code), and must never be redeemed.

import { readAuthorizationResponse } from "@entrakit/auth-code";
import { type Clock, isInvalidArgumentError } from "@entrakit/core";
import { CliError } from "./cli-error";
import { exitCodes } from "./exit-codes";
import type { LoopbackRedirectServer, RedirectRequest } from "./loopback-redirect-server";

/** Options of {@link waitForAuthorizationCode}. */
export interface WaitForCodeOptions {
  /** The `state` the sign-in was started with. */
  readonly state: string;
  readonly timeoutMs: number;
  readonly clock: Clock;
  /** Ctrl+C. */
  readonly signal: AbortSignal | undefined;
  /** Work that runs beside the wait (the `--dev-user` sign-in); its failure ends the wait. */
  readonly alongside?: Promise<unknown>;
  /** Tells the user a response was ignored. */
  readonly notice: (line: string) => void;
}

/** The code, and the browser request still waiting for its page. */
export interface AuthorizationCodeArrival {
  /** The authorization code: a secret until redeemed. */
  readonly code: string;
  readonly redirect: RedirectRequest;
}

/**
 * Resolves with the first authorization response whose state matches.
 *
 * @throws {@link CliError} `sign_in_timeout` (exit 2) after `timeoutMs`; `AuthenticationError`
 * when the authority redirected with an error (e.g. `access_denied`); the signal's reason on
 * Ctrl+C; the failure of `alongside`.
 */
export async function waitForAuthorizationCode(
  server: LoopbackRedirectServer,
  options: WaitForCodeOptions,
): Promise<AuthorizationCodeArrival> {
  const stop = new AbortController();
  const onAbort = () => stop.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const seconds = Math.round(options.timeoutMs / 1000);
  options.clock.sleep(options.timeoutMs, stop.signal).then(
    () =>
      stop.abort(
        new CliError(
          `entrakit login: no sign-in response arrived within ${seconds} seconds. Run \`entrakit login\` again, or give more time with --timeout.`,
          "sign_in_timeout",
          exitCodes.authenticationRequired,
        ),
      ),
    () => {},
  );
  // Never settles on success: only the work's failure matters to the wait.
  const alongside = (options.alongside ?? new Promise<never>(() => {})).then(
    () => new Promise<never>(() => {}),
  );
  try {
    for (;;) {
      const redirect = await Promise.race([server.next(stop.signal), alongside]);
      try {
        const { code } = readAuthorizationResponse(redirect.url, options.state);
        return { code, redirect };
      } catch (error) {
        if (isInvalidArgumentError(error) && error.code === "state_mismatch") {
          redirect.reply(
            400,
            "Sign-in response ignored",
            "This response does not belong to the sign-in entrakit is waiting for. Finish the sign-in in the window entrakit opened.",
          );
          options.notice(
            "entrakit login: ignored a sign-in response whose state does not match this sign-in. Still waiting.",
          );
          continue;
        }
        redirect.reply(
          400,
          "Sign-in failed",
          "The sign-in did not complete. Return to your terminal for details.",
        );
        throw error;
      }
    }
  } finally {
    stop.abort();
    options.signal?.removeEventListener("abort", onAbort);
  }
}
