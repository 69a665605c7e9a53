// Every credential x every fault the authority can throw at it x {first call, refresh}: the
// outcome (a token after retries, or which typed error) is asserted cell by cell, and the whole
// table is printed so a CI log shows how each failure is handled.
import type { DevAuthority, Fault } from "@entrakit/dev-authority";
import { waitUntil } from "@entrakit/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CredentialName, type FaultCase, faultCases } from "./support/fault-cases";
import { formatOutcome, type Outcome, outcomeOf } from "./support/outcome";
import { renderTable } from "./support/outcome-table";
import {
  type ReliabilityAuthority,
  startReliabilityAuthority,
  tokenAttempts,
  vaultScope,
} from "./support/reliability-authority";

type Phase = "first call" | "refresh";
type Column = `${CredentialName}, ${Phase}`;

const columns: readonly Column[] = [
  "AuthorizationCodeCredential, first call",
  "AuthorizationCodeCredential, refresh",
  "SharedTokenCacheCredential, first call",
  "SharedTokenCacheCredential, refresh",
];

// Past any token's expiry: a refresh is due and no cached token may be served instead.
const pastExpiryMs = 2 * 60 * 60_000;

// Transient faults: the transport retries (its waits pass at once on a manual clock).
const retried = "token after 2 attempts";
const expected: Record<string, readonly [string, string, string, string]> = {
  "500": [retried, retried, retried, retried],
  "503": [retried, retried, retried, retried],
  "429 + Retry-After": [retried, retried, retried, retried],
  "connection reset": [retried, retried, retried, retried],
  timeout: [retried, retried, retried, retried],
  // A 200 whose body is cut short is not retried: the request was processed (a code spent).
  "malformed JSON": [
    "AuthenticationError invalid_response after 1 attempt",
    "AuthenticationError invalid_response after 1 attempt",
    "AuthenticationError invalid_response after 1 attempt",
    "AuthenticationError invalid_response after 1 attempt",
  ],
  "HTML page": [retried, retried, retried, retried],
  // AADSTS70000 (a grant the authority does not know): the web app's session is over, so it
  // must sign the user in again; the shared cache reports only expired or revoked refresh
  // tokens (70008, 70043, 50173) as "sign in again" and any other refusal as it came.
  invalid_grant: [
    "AuthenticationError invalid_grant after 1 attempt",
    "AuthenticationRequiredError authentication_required after 1 attempt",
    "AuthenticationError invalid_grant after 1 attempt",
    "AuthenticationError invalid_grant after 1 attempt",
  ],
  invalid_client: [
    "AuthenticationError invalid_client after 1 attempt",
    "AuthenticationError invalid_client after 1 attempt",
    "AuthenticationError invalid_client after 1 attempt",
    "AuthenticationError invalid_client after 1 attempt",
  ],
};

let fixture: ReliabilityAuthority;
const observed = new Map<string, string>();

beforeAll(async () => {
  fixture = await startReliabilityAuthority();
});
afterAll(async () => {
  const rows = faultCases.map((faultCase) => [
    faultCase.name,
    ...columns.map((column) => observed.get(`${faultCase.name} | ${column}`) ?? "(not run)"),
  ]);
  console.log(
    `Fault matrix: outcome of the call that met the fault\n${renderTable(["fault", ...columns], rows)}`,
  );
  await fixture?.close();
});

/** Injects `fault` for the next token request of `grantType`. */
function inject(authority: DevAuthority, grantType: string, fault: Fault): void {
  authority.clearFaults();
  authority.clearRequestLog();
  authority.injectFault({ endpoint: "token", grantType, ...fault });
}

/**
 * Waits until the authority has answered every attempt the client made, so a delayed answer
 * the client gave up on cannot land in the next cell's request log.
 */
async function settle(authority: DevAuthority, grantType: string, sent: number): Promise<void> {
  const outcome = await waitUntil(async () => authority.countRequests({ grantType }) >= sent, {
    timeoutMs: 5_000,
    stop: new Promise(() => {}),
  });
  expect(outcome).toBe("ready");
}

async function authorizationCodeCell(phase: Phase, faultCase: FaultCase): Promise<Outcome> {
  const { authority } = fixture;
  const { credential, clock, attempts } = fixture.authorizationCode();
  const grantType = phase === "first call" ? "authorization_code" : "refresh_token";
  try {
    if (phase === "refresh") {
      await credential.getToken(vaultScope);
      clock.advance(pastExpiryMs);
    }
    inject(authority, grantType, faultCase.fault("AuthorizationCodeCredential"));
    const before = tokenAttempts(attempts);
    const outcome = await outcomeOf(credential.getToken(vaultScope), attempts);
    await settle(authority, grantType, tokenAttempts(attempts) - before);
    return outcome;
  } finally {
    await credential.close();
  }
}

async function sharedCacheCell(phase: Phase, faultCase: FaultCase): Promise<Outcome> {
  const { authority } = fixture;
  const { credential, clock, attempts } = fixture.sharedCache(await fixture.seededSharedCache());
  try {
    if (phase === "refresh") {
      await credential.getToken(vaultScope);
      clock.advance(pastExpiryMs);
    }
    inject(authority, "refresh_token", faultCase.fault("SharedTokenCacheCredential"));
    const before = tokenAttempts(attempts);
    const outcome = await outcomeOf(credential.getToken(vaultScope), attempts);
    await settle(authority, "refresh_token", tokenAttempts(attempts) - before);
    return outcome;
  } finally {
    await credential.close();
  }
}

describe.each(columns)("%s", (column) => {
  const [credentialName, phase] = column.split(", ") as [CredentialName, Phase];
  const index = columns.indexOf(column);
  it.each(faultCases)("$name", async (faultCase) => {
    const outcome =
      credentialName === "AuthorizationCodeCredential"
        ? await authorizationCodeCell(phase, faultCase)
        : await sharedCacheCell(phase, faultCase);
    const cell = formatOutcome(outcome);
    observed.set(`${faultCase.name} | ${column}`, cell);

    expect(outcome.typed).toBe(true);
    expect(cell).toBe(expected[faultCase.name]?.[index]);
  });
});

describe("the retry after a 429 waits what Retry-After asked for", () => {
  it.each(["AuthorizationCodeCredential", "SharedTokenCacheCredential"] as const)(
    "%s",
    async (credentialName) => {
      const observedCredential =
        credentialName === "AuthorizationCodeCredential"
          ? fixture.authorizationCode()
          : fixture.sharedCache(await fixture.seededSharedCache());
      const grantType =
        credentialName === "AuthorizationCodeCredential" ? "authorization_code" : "refresh_token";
      inject(fixture.authority, grantType, { kind: "throttle", retryAfterSeconds: 7 });

      await observedCredential.credential.getToken(vaultScope);

      const throttled = observedCredential.attempts.find((attempt) => attempt.status === 429);
      expect(throttled?.retryDelayMs).toBe(7_000);
      await observedCredential.credential.close();
    },
  );
});
