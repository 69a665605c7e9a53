// Token-endpoint answers core mishandled (found by token-response-properties), each pinned here
// with the behaviour it must have: regressions for the fixes in core.
import { type FakeResponse, ManualClock, tokenResponse } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import {
  developerClientId,
  fakeAuthorizationCode,
  fakeClientId,
  fakeEntra,
  fakeSharedCache,
  fakeTenant,
  rawPersistence,
} from "./support/fake-entra";
import { cachedScope, sharedCacheObject } from "./support/shared-cache-json";
import { grantedScope } from "./support/token-response-arbitraries";
import { type TypedOutcome, typedOutcome } from "./support/typed-outcome";

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

const credentials = {
  AuthorizationCodeCredential: async (answer: FakeResponse) => {
    const network = fakeEntra([fakeTenant], answer);
    const credential = fakeAuthorizationCode(network, new ManualClock({ start: Date.now() }));
    try {
      return await typedOutcome(credential.getToken(cachedScope));
    } finally {
      await credential.close();
    }
  },
  SharedTokenCacheCredential: async (answer: FakeResponse) => {
    const network = fakeEntra(["organizations"], answer);
    const clock = new ManualClock({ start: Date.now() });
    const credential = fakeSharedCache(network, clock, rawPersistence(seeded));
    try {
      return await typedOutcome(credential.getToken(cachedScope));
    } finally {
      await credential.close();
    }
  },
} satisfies Record<string, (answer: FakeResponse) => Promise<TypedOutcome>>;

const clientIds = {
  AuthorizationCodeCredential: fakeClientId,
  SharedTokenCacheCredential: developerClientId,
};

type Name = keyof typeof credentials;

/** A real token response for the credential's app, with `fields` changed. */
function tokenWith(name: Name, fields: Record<string, unknown>): FakeResponse {
  const valid = tokenResponse({ scope: grantedScope, clientId: clientIds[name], foci: true });
  return { status: 200, body: { ...valid.body, ...fields } };
}

const interactionRequired = (description: unknown): FakeResponse => ({
  status: 400,
  body: { error: "interaction_required", error_description: description, error_codes: [50076] },
});

const bugs: { bug: string; answer: (name: Name) => FakeResponse; expected: TypedOutcome }[] = [
  {
    bug: "an access token that is not a string is handed out as the token",
    answer: (name) => tokenWith(name, { access_token: { value: "x" } }),
    expected: "error:invalid_response",
  },
  {
    bug: "a refresh_in past the last representable date gives refreshAfterTimestamp NaN",
    answer: (name) => tokenWith(name, { refresh_in: 2 ** 53 }),
    expected: "token",
  },
  {
    bug: "an interaction_required answer with a non-string description throws a TypeError",
    answer: () => interactionRequired(["AADSTS50076: multi-factor authentication is required."]),
    expected: "error:interaction_required",
  },
];

describe.each(Object.keys(credentials) as Name[])("%s", (name) => {
  const run = credentials[name];

  it("the same answers, well formed, give the expected outcomes (the harness works)", async () => {
    expect(await run(tokenWith(name, {}))).toBe("token");
    expect(await run(tokenWith(name, { refresh_in: 600 }))).toBe("token");
    expect(await run(interactionRequired("AADSTS50076: multi-factor authentication."))).toBe(
      "error:interaction_required",
    );
  });

  it("fixed: an expires_in MSAL cannot add up (an object) is invalid_response, not a RangeError", async () => {
    const answer = tokenWith(name, { expires_in: { seconds: 3600 } });
    expect(await run(answer)).toBe("error:invalid_response");
  });

  for (const { bug, answer, expected } of bugs) {
    it(`fixed: ${bug}`, async () => {
      expect(await run(answer(name))).toBe(expected);
    });
  }
});
