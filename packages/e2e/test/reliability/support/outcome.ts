// What one call came to, as a short text for the outcome table: a token, or the error's name
// and code, with how many attempts reached for the token endpoint.
import { isEntrakitError } from "@entrakit/core";
import type { AttemptRecord } from "@entrakit/transport";
import { tokenAttempts } from "./reliability-authority";

/** The outcome of one call. */
export interface Outcome {
  /** `token` or `<ErrorName> <code>`. */
  readonly result: string;
  /** Attempts at the token endpoint during the call. */
  readonly attempts: number;
  /** False when the call failed with something other than an entrakit error. */
  readonly typed: boolean;
}

/** Awaits `call` and describes it; `attempts` is the credential's attempt record. */
export async function outcomeOf(
  call: Promise<{ token: string }>,
  attempts: AttemptRecord[],
): Promise<Outcome> {
  const before = tokenAttempts(attempts);
  try {
    const token = await call;
    return {
      result: token.token.length > 0 ? "token" : "empty token",
      attempts: tokenAttempts(attempts) - before,
      typed: true,
    };
  } catch (error) {
    const typed = isEntrakitError(error);
    const { name, code } = error as { name?: string; code?: string };
    return {
      result: typed ? `${name} ${code}` : `untyped ${String(name)}`,
      attempts: tokenAttempts(attempts) - before,
      typed,
    };
  }
}

/** The outcome as one table cell, e.g. `token after 2 attempts`. */
export function formatOutcome(outcome: Outcome): string {
  return `${outcome.result} after ${outcome.attempts} attempt${outcome.attempts === 1 ? "" : "s"}`;
}
