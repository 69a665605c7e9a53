// Random and damaged cache files through cache-persistence's parser and through
// SharedTokenCacheCredential's loading: whatever a file holds, the outcome is a parse result,
// a token, or one of entrakit's typed errors, never a crash of any other kind.
import { parseCacheJson } from "@entrakit/cache-persistence";
import { ManualClock, tokenResponse } from "@entrakit/testkit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  developerClientId,
  fakeEntra,
  fakeHost,
  fakeSharedCache,
  rawPersistence,
} from "./support/fake-entra";
import { awkwardJson, jsonMutation, mutateJson, textDamage } from "./support/json-mutation";
import { type CachedAccount, cachedScope, sharedCacheObject } from "./support/shared-cache-json";
import { typedOutcome } from "./support/typed-outcome";

const now = Date.now();

const account: fc.Arbitrary<CachedAccount> = fc.record(
  {
    username: fc.oneof(fc.constantFrom("alice@contoso.com", "bob@fabrikam.com"), fc.string()),
    uid: fc.uuid(),
    tenantId: fc.oneof(fc.uuid(), fc.constantFrom("organizations", "common", "")),
    // Expired, about to expire, or fresh, in seconds since the epoch.
    accessTokenExpiresOn: fc.integer({ min: 0, max: 2 * Math.floor(now / 1000) }),
    refreshToken: fc.string({ minLength: 1 }),
  },
  { requiredKeys: ["username", "uid", "tenantId", "refreshToken"] },
);

const validCache = fc.array(account, { maxLength: 3 }).map(sharedCacheObject);

/** Text a cache file might hold: anything, any JSON, or a real cache edited or damaged. */
const cacheText: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.json(),
  awkwardJson.map((value) => JSON.stringify(value)),
  fc
    .tuple(validCache, fc.array(jsonMutation, { minLength: 1, maxLength: 4 }))
    .map(([cache, mutations]) => JSON.stringify(mutations.reduce(mutateJson, cache))),
  fc.tuple(validCache, textDamage).map(([cache, damage]) => damage(JSON.stringify(cache))),
);

/** The authority answers every refresh with a token for whoever asked. */
function authority() {
  return fakeEntra(["organizations"], (request) =>
    tokenResponse({
      scope: `${request.form.scope ?? cachedScope}`,
      foci: true,
      clientId: developerClientId,
      authorityHost: fakeHost,
    }),
  );
}

describe("cache files: parseCacheJson", () => {
  it("never throws, and says ok only for an object whose known sections hold objects", () => {
    fc.assert(
      fc.property(cacheText, (text) => {
        const result = parseCacheJson(text);
        if (!result.ok) {
          expect(typeof result.reason).toBe("string");
          return;
        }
        expect(typeof result.cache).toBe("object");
        expect(Array.isArray(result.cache)).toBe(false);
        for (const section of ["Account", "AccessToken", "RefreshToken", "IdToken"]) {
          const entries = result.cache[section];
          if (entries === undefined) continue;
          for (const entry of Object.values(entries as object)) {
            expect(typeof entry === "object" && entry !== null && !Array.isArray(entry)).toBe(true);
          }
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("accepts every cache MSAL could have written", () => {
    fc.assert(
      fc.property(validCache, (cache) => {
        expect(parseCacheJson(JSON.stringify(cache)).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("cache files: SharedTokenCacheCredential loading", () => {
  it("getToken and listAccounts give a token, accounts or a typed error for any stored text", async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(cacheText, async (text) => {
        const credential = fakeSharedCache(
          authority(),
          new ManualClock({ start: now }),
          rawPersistence(text),
        );
        try {
          const outcome = await typedOutcome(credential.getToken(cachedScope));
          seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
          const accounts = await credential.listAccounts().catch((error: unknown) => error);
          if (!Array.isArray(accounts)) await typedOutcome(Promise.reject(accounts));
        } finally {
          await credential.close();
        }
      }),
      { numRuns: 300 },
    );
    // The inputs reach past the parser: some still yield tokens, others fail in several ways.
    expect(seen.get("token")).toBeGreaterThan(0);
    expect([...seen.keys()].filter((outcome) => outcome !== "token").length).toBeGreaterThan(2);
  });

  it("a well-formed cache with one account always gives a token", async () => {
    await fc.assert(
      fc.asyncProperty(account, async (only) => {
        const text = JSON.stringify(sharedCacheObject([only]));
        const credential = fakeSharedCache(
          authority(),
          new ManualClock({ start: now }),
          rawPersistence(text),
        );
        try {
          expect(await typedOutcome(credential.getToken(cachedScope))).toBe("token");
        } finally {
          await credential.close();
        }
      }),
      { numRuns: 100 },
    );
  });
});
