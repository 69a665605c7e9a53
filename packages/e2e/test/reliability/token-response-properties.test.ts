// Random and mutated token-endpoint answers (bodies, statuses, headers) fed to both credentials
// through testkit's FakeNetworkModule, on the first call and on a refresh: each call gives a
// usable token or one of entrakit's typed errors, never anything else.
import { type FakeResponse, ManualClock, tokenResponse } from "@entrakit/testkit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  developerClientId,
  fakeAuthorizationCode,
  fakeClientId,
  fakeEntra,
  fakeHost,
  fakeSharedCache,
  fakeTenant,
  rawPersistence,
} from "./support/fake-entra";
import { cachedScope, sharedCacheObject } from "./support/shared-cache-json";
import { answerFor, grantedScope } from "./support/token-response-arbitraries";
import { type TypedOutcome, typedOutcome } from "./support/typed-outcome";

const pastExpiryMs = 2 * 60 * 60_000;

/** Runs `property` for every generated answer and checks both outcomes were reached. */
async function forEveryAnswer(
  clientId: string,
  property: (answer: FakeResponse) => Promise<TypedOutcome>,
): Promise<void> {
  const seen = new Set<string>();
  await fc.assert(
    fc.asyncProperty(answerFor(clientId), async (answer) => {
      seen.add(await property(answer));
    }),
    { numRuns: 200 },
  );
  expect(seen.has("token")).toBe(true);
  expect([...seen].some((outcome) => outcome.startsWith("error:"))).toBe(true);
}

describe("token responses: AuthorizationCodeCredential", () => {
  it("first call (code redemption)", async () => {
    await forEveryAnswer(fakeClientId, async (answer) => {
      const network = fakeEntra([fakeTenant], answer);
      const credential = fakeAuthorizationCode(network, new ManualClock({ start: Date.now() }));
      try {
        return await typedOutcome(credential.getToken(cachedScope));
      } finally {
        await credential.close();
      }
    });
  });

  it("refresh after expiry (refresh-token redemption)", async () => {
    await forEveryAnswer(fakeClientId, async (answer) => {
      let calls = 0;
      const network = fakeEntra([fakeTenant], () =>
        calls++ === 0 ? tokenResponse({ scope: grantedScope, clientId: fakeClientId }) : answer,
      );
      const clock = new ManualClock({ start: Date.now() });
      const credential = fakeAuthorizationCode(network, clock);
      try {
        await credential.getToken(cachedScope);
        clock.advance(pastExpiryMs);
        return await typedOutcome(credential.getToken(cachedScope));
      } finally {
        await credential.close();
      }
    });
  });
});

describe("token responses: SharedTokenCacheCredential", () => {
  const seeded = JSON.stringify(
    sharedCacheObject([
      {
        username: "alice@contoso.com",
        uid: "11111111-2222-4333-8444-555555555555",
        tenantId: fakeTenant,
        refreshToken: "0.A-seeded-refresh-token",
      },
    ]),
  );

  it("first call (refresh-token redemption from a cache without access tokens)", async () => {
    await forEveryAnswer(developerClientId, async (answer) => {
      const network = fakeEntra(["organizations"], answer);
      const credential = fakeSharedCache(
        network,
        new ManualClock({ start: Date.now() }),
        rawPersistence(seeded),
      );
      try {
        return await typedOutcome(credential.getToken(cachedScope));
      } finally {
        await credential.close();
      }
    });
  });

  it("refresh after expiry", async () => {
    await forEveryAnswer(developerClientId, async (answer) => {
      let calls = 0;
      const network = fakeEntra(["organizations"], () =>
        calls++ === 0
          ? tokenResponse({
              scope: grantedScope,
              clientId: developerClientId,
              foci: true,
              authorityHost: fakeHost,
            })
          : answer,
      );
      const clock = new ManualClock({ start: Date.now() });
      const credential = fakeSharedCache(network, clock, rawPersistence(seeded));
      try {
        await credential.getToken(cachedScope);
        clock.advance(pastExpiryMs);
        return await typedOutcome(credential.getToken(cachedScope));
      } finally {
        await credential.close();
      }
    });
  });
});
