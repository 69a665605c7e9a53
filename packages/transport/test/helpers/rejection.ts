import type { AuthenticationError } from "@entrakit/core";
import { expect } from "vitest";
import type { TransportErrorDetails } from "../../src/index.js";

/** Awaits a promise that must reject and returns what it rejected with. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<AuthenticationError & TransportErrorDetails> {
  try {
    await promise;
  } catch (error) {
    return error as AuthenticationError & TransportErrorDetails;
  }
  return expect.fail("expected the promise to reject");
}
