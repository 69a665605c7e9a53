// The faults of the matrix: what the authority does to the next matching token request.
import type { Fault } from "@entrakit/dev-authority";
import { attemptTimeoutMs } from "./reliability-authority";

/** The two credentials of the matrix. */
export type CredentialName = "AuthorizationCodeCredential" | "SharedTokenCacheCredential";

/** One row of the matrix. */
export interface FaultCase {
  /** The row's label in the printed table. */
  readonly name: string;
  /** The fault, per credential (an app's refusal differs for confidential and public clients). */
  readonly fault: (credential: CredentialName) => Fault;
}

const always = (fault: Fault) => (): Fault => fault;

export const faultCases: readonly FaultCase[] = [
  { name: "500", fault: always({ kind: "server-error", status: 500 }) },
  { name: "503", fault: always({ kind: "server-error", status: 503 }) },
  { name: "429 + Retry-After", fault: always({ kind: "throttle", retryAfterSeconds: 2 }) },
  { name: "connection reset", fault: always({ kind: "reset" }) },
  // Answered (and processed) well after the transport gave up on the attempt.
  { name: "timeout", fault: always({ kind: "delay", delayMs: 3 * attemptTimeoutMs }) },
  { name: "malformed JSON", fault: always({ kind: "malformed-json" }) },
  { name: "HTML page", fault: always({ kind: "html" }) },
  {
    name: "invalid_grant",
    fault: always({
      kind: "entra-error",
      error: "invalid_grant",
      errorCode: 70000,
      description: "The provided value for the input parameter is not valid.",
    }),
  },
  {
    name: "invalid_client",
    // A web app whose secret is wrong; a public client the app registration no longer allows.
    fault: (credential) => ({
      kind: "entra-error",
      error: "invalid_client",
      status: 401,
      ...(credential === "AuthorizationCodeCredential"
        ? { errorCode: 7000215, description: "Invalid client secret provided." }
        : {
            errorCode: 7000218,
            description:
              "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
          }),
    }),
  },
];
