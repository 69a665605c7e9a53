import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cloudMatcher } from "../src/cloud-matcher";
import { removeAccountEntries } from "../src/remove-account-entries";

const ours = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
const matchesEnvironment = cloudMatcher("https://login.microsoftonline.com");
const removal = { homeAccountId: "a.t", clientId: ours, matchesEnvironment };

const token = (home: string, client: string, environment = "login.microsoftonline.com") => ({
  home_account_id: home,
  environment,
  client_id: client,
  secret: "s",
});

describe("removeAccountEntries", () => {
  it("removes the account's tokens of the client and its Account entries", () => {
    const cache = {
      Account: {
        a: { home_account_id: "a.t", environment: "login.windows.net" },
        b: { home_account_id: "b.t", environment: "login.windows.net" },
      },
      AccessToken: { a1: token("a.t", ours.toUpperCase()), b1: token("b.t", ours) },
      RefreshToken: { a2: token("a.t", ours) },
      IdToken: { a3: token("a.t", ours) },
      AppMetadata: {
        m: { client_id: ours, environment: "login.microsoftonline.com", family_id: "1" },
      },
    };
    const result = removeAccountEntries(cache, removal);
    expect(result).toMatchObject({ tokens: 3, accounts: 1, otherClientsRemain: false });
    expect(result.cache).toEqual({
      Account: { b: cache.Account.b },
      AccessToken: { b1: cache.AccessToken.b1 },
      RefreshToken: {},
      IdToken: {},
      AppMetadata: cache.AppMetadata,
    });
    expect(Object.keys(cache.AccessToken)).toEqual(["a1", "b1"]);
  });

  it("keeps Account entries while other clients' tokens for the account remain, and other clouds", () => {
    const cache = {
      Account: { a: { home_account_id: "a.t", environment: "login.microsoftonline.com" } },
      RefreshToken: {
        ours: token("a.t", ours),
        theirs: token("a.t", "other-client"),
        elsewhere: token("a.t", ours, "login.chinacloudapi.cn"),
      },
    };
    const result = removeAccountEntries(cache, removal);
    expect(result).toMatchObject({ tokens: 1, accounts: 0, otherClientsRemain: true });
    expect(Object.keys(result.cache.RefreshToken as object)).toEqual(["theirs", "elsewhere"]);
    expect(result.cache.Account).toBe(cache.Account);
  });

  it("returns the very input when there is nothing to remove", () => {
    const cache = { Account: {}, Extra: [1, 2] };
    expect(removeAccountEntries(cache, removal).cache).toBe(cache);
  });

  it("property: removes exactly our tokens of the account, keeps every other entry as it was", () => {
    const entry = fc.record({
      home_account_id: fc.constantFrom("a.t", "b.t", "c.t"),
      environment: fc.constantFrom(
        "login.microsoftonline.com",
        "login.windows.net",
        "login.chinacloudapi.cn",
      ),
      client_id: fc.constantFrom(ours, "other-client", ours.toUpperCase()),
      secret: fc.string(),
    });
    // Keys include the ones plain objects inherit, which must be kept like any other.
    const key = fc.oneof(
      fc.string({ minLength: 1, maxLength: 8 }),
      fc.constantFrom("__proto__", "toString", "constructor"),
    );
    const section = fc.dictionary(key, entry, { maxKeys: 6 });
    const cacheArb = fc.record({
      Account: fc.dictionary(
        key,
        fc.record({
          home_account_id: fc.constantFrom("a.t", "b.t"),
          environment: fc.constantFrom("login.microsoftonline.com", "login.chinacloudapi.cn"),
        }),
        { maxKeys: 4 },
      ),
      AccessToken: section,
      RefreshToken: section,
      IdToken: section,
      Unknown: fc.jsonValue(),
    });
    fc.assert(
      fc.property(cacheArb, (cache) => {
        const isAccounts = (e: { home_account_id: string; environment: string }) =>
          e.home_account_id === "a.t" && matchesEnvironment(e.environment);
        const result = removeAccountEntries(cache, removal);
        let removed = 0;
        let othersRemain = false;
        for (const name of ["AccessToken", "RefreshToken", "IdToken"] as const) {
          const after = result.cache[name] as Record<string, unknown>;
          for (const [key, value] of Object.entries(cache[name])) {
            const mine = isAccounts(value) && value.client_id.toLowerCase() === ours;
            if (mine) removed++;
            else if (isAccounts(value)) othersRemain = true;
            expect(Object.hasOwn(after, key) ? after[key] : undefined).toBe(
              mine ? undefined : value,
            );
          }
        }
        expect(result.tokens).toBe(removed);
        expect(result.otherClientsRemain).toBe(othersRemain);
        const accountsAfter = result.cache.Account as Record<string, unknown>;
        for (const [key, value] of Object.entries(cache.Account)) {
          expect(Object.hasOwn(accountsAfter, key) ? accountsAfter[key] : undefined).toBe(
            isAccounts(value) && !othersRemain ? undefined : value,
          );
        }
        expect(result.cache.Unknown).toBe(cache.Unknown);
        // Idempotent: a second pass finds nothing of ours.
        expect(removeAccountEntries(result.cache, removal).tokens).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
