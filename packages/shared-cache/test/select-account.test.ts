import { CredentialUnavailableError } from "@entrakit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AccountDirectory } from "../src/account-directory";
import { type AccountView, buildAccountViews } from "../src/account-view";
import { cloudOf } from "../src/cloud";
import {
  type AccountCriteria,
  describeAccounts,
  type SelectionContext,
  selectAccount,
  selectAccountFrom,
} from "../src/select-account";
import { addAccount, buildCache } from "./helpers/cache-builder";
import {
  cliClientId,
  contoso,
  fabrikam,
  fixtureJson,
  nodeAlice,
  otherAppClientId,
} from "./helpers/fixtures";
import { snapshotOf } from "./helpers/snapshots";

const none: SelectionContext = {
  lookedIn: ["file /home/me/.IdentityService/msal.cache"],
  failures: [],
};
const views = (...names: string[]) =>
  buildAccountViews(
    names.map((name) => snapshotOf(fixtureJson(name))),
    cloudOf("https://login.microsoftonline.com"),
    cliClientId,
  );
const chosen = (accounts: readonly AccountView[], criteria: Parameters<typeof selectAccount>[1]) =>
  selectAccount(accounts, criteria, none).username;
const failure = (
  accounts: readonly AccountView[],
  criteria: Parameters<typeof selectAccount>[1],
  context = none,
) => {
  try {
    selectAccount(accounts, criteria, context);
  } catch (error) {
    return error as CredentialUnavailableError;
  }
  throw new Error("selectAccount chose an account");
};

describe("selectAccount", () => {
  it("uses the only account when nothing is specified", () => {
    expect(chosen(views("node-style.msal.json"), {})).toBe("alice@contoso.com");
  });

  it("no accounts: the anchors' sentence, where it looked, and how to sign in", () => {
    const error = failure([], {});
    expect(error).toBeInstanceOf(CredentialUnavailableError);
    expect(error.name).toBe("CredentialUnavailableError");
    expect(error.code).toBe("no_accounts");
    expect(error.message).toMatch(
      /^SharedTokenCacheCredential authentication unavailable\. No accounts were found in the cache\. /,
    );
    expect(error.message).toContain("Looked in: file /home/me/.IdentityService/msal.cache.");
    expect(error.message).toContain("az login");
  });

  it("several accounts: the anchors' sentence, every candidate with its tenant, and what to pass", () => {
    const accounts = views("node-style.msal.json", "dotnet-style.msal.json");
    const error = failure(accounts, {});
    expect(error.code).toBe("multiple_matching_accounts");
    expect(error.message).toContain(
      "SharedTokenCacheCredential authentication unavailable. Multiple accounts were found in the cache. Use username and tenant id to disambiguate.",
    );
    expect(error.message).toContain(`alice@contoso.com (tenant ${contoso}; guest in ${fabrikam})`);
    expect(error.message).toContain(`bob@fabrikam.com (tenant ${fabrikam})`);
    expect(error.message).toContain('e.g. { username: "alice@contoso.com", tenantId: ');
    expect(error.message).toContain("authenticationRecord");
  });

  it("username chooses case-insensitively", () => {
    expect(
      chosen(views("node-style.msal.json", "dotnet-style.msal.json"), {
        username: "ALICE@contoso.COM",
      }),
    ).toBe("alice@contoso.com");
  });

  it("a username held by two accounts asks for the tenant id as well", () => {
    const accounts = views("dotnet-style.msal.json");
    const error = failure(accounts, { username: "erin@contoso.com" });
    expect(error.code).toBe("multiple_matching_accounts");
    expect(error.message).toContain(`Erin@Contoso.com (tenant ${fabrikam})`);
    expect(error.message).toContain(`erin@contoso.com (tenant ${contoso})`);
    expect(error.message).not.toContain("bob@");
    expect(error.message).toContain("Pass tenantId as well");
    expect(chosen(accounts, { username: "erin@contoso.com", tenantId: fabrikam })).toBe(
      "Erin@Contoso.com",
    );
  });

  it("tenantId alone chooses by home tenant", () => {
    expect(
      chosen(
        views("node-style.msal.json", "dotnet-style.msal.json").filter(
          (a) => !/^(erin|frank)@/i.test(a.username),
        ),
        { tenantId: fabrikam.toUpperCase() },
      ),
    ).toBe("bob@fabrikam.com");
  });

  it("a guest tenant chooses an account only with enableGuestTenantAuthentication", () => {
    const accounts = views("node-style.msal.json");
    const error = failure(accounts, { username: "alice@contoso.com", tenantId: fabrikam });
    expect(error.code).toBe("no_matching_account");
    expect(error.message).toContain("enableGuestTenantAuthentication");
    expect(
      chosen(accounts, {
        username: "alice@contoso.com",
        tenantId: fabrikam,
        enableGuestTenantAuthentication: true,
      }),
    ).toBe("alice@contoso.com");
  });

  it("an authentication record chooses by home account id, ignoring usernames", () => {
    const accounts = views("node-style.msal.json", "dotnet-style.msal.json");
    expect(chosen(accounts, { homeAccountId: nodeAlice.homeAccountId })).toBe("alice@contoso.com");
    const error = failure(accounts, { homeAccountId: "nobody.nowhere" });
    expect(error.code).toBe("no_matching_account");
    expect(error.message).toContain(
      "No account matching the authentication record (home account id: nobody.nowhere) was found in the cache.",
    );
  });

  it("no match: the anchors' sentence with username and tenant, the candidates, and the fix", () => {
    const error = failure(views("node-style.msal.json"), {
      username: "zed@contoso.com",
      tenantId: contoso,
    });
    expect(error.code).toBe("no_matching_account");
    expect(error.message).toContain(
      `SharedTokenCacheCredential authentication unavailable. No account matching the specified username: zed@contoso.com tenantId: ${contoso} was found in the cache.`,
    );
    expect(error.message).toContain(`Accounts in the cache: alice@contoso.com (tenant ${contoso}`);
    expect(error.message).toContain("Pass one of these as username");
    expect(
      failure(views("node-style.msal.json"), { username: "zed@contoso.com" }).message,
    ).toContain(
      "No account matching the specified username: zed@contoso.com was found in the cache.",
    );
  });

  it("when a cache could not be read and no account was found, that failure gives the code and cause", () => {
    const keyring = new CredentialUnavailableError(
      "KeyringPersistence: the OS keyring is unavailable (no D-Bus).",
      { code: "keyring_unavailable" },
    );
    const error = failure([], {}, { lookedIn: [], failures: [keyring] });
    expect(error.code).toBe("keyring_unavailable");
    expect(error.cause).toBe(keyring);
    expect(error.message).toContain("No accounts were found in the cache.");
    expect(error.message).toContain("the OS keyring is unavailable");
    const ambiguous = failure(
      views("dotnet-style.msal.json"),
      {},
      { lookedIn: [], failures: [keyring] },
    );
    expect(ambiguous.code).toBe("multiple_matching_accounts");
  });
});

describe("describeAccounts", () => {
  it("shows ten accounts and counts the rest", () => {
    const accounts = buildAccountViews(
      [
        snapshotOf(
          buildCache(
            Array.from({ length: 13 }, (_, n) => ({
              username: `user${String(n).padStart(2, "0")}@contoso.com`,
            })),
          ),
        ),
      ],
      cloudOf("https://login.microsoftonline.com"),
      cliClientId,
    );
    const text = describeAccounts(accounts);
    expect(text).toContain("user09@contoso.com");
    expect(text).not.toContain("user10@contoso.com");
    expect(text).toContain("and 3 more (see listAccounts())");
  });
});

describe("selectAccountFrom", () => {
  const publicCloud = cloudOf("https://login.microsoftonline.com");
  const outcome = (select: () => AccountView) => {
    try {
      return { home: select().homeAccountId };
    } catch (error) {
      const { code, message } = error as CredentialUnavailableError;
      return { code, message };
    }
  };
  const spec = fc.record({
    username: fc.constantFrom("a@x.test", "A@X.test", "b@x.test", "c@x.test"),
    tenantId: fc.constantFrom(contoso, fabrikam),
    environment: fc.constantFrom(
      "login.microsoftonline.com",
      "login.windows.net",
      "login.microsoftonline.us",
    ),
    familyId: fc.constantFrom(undefined, null),
    clientId: fc.constantFrom(cliClientId, otherAppClientId),
    guestTenants: fc.subarray([fabrikam, contoso]),
    // A guest profile under another username, or no Account entry at all.
    quirk: fc.constantFrom("none", "renamed-profile", "no-account"),
  });

  function cacheOf(specs: Array<typeof spec extends fc.Arbitrary<infer T> ? T : never>) {
    const cache = buildCache([]);
    for (const [n, { quirk, familyId, ...account }] of specs.entries()) {
      const built = addAccount(
        cache,
        { ...account, ...(familyId === null ? { familyId } : {}) },
        n,
      );
      const profiles = Object.entries(
        cache.Account as Record<string, { home_account_id: string; username: string }>,
      );
      const own = profiles.filter(([, entry]) => entry.home_account_id === built.homeAccountId);
      if (quirk === "renamed-profile" && own.length > 1) {
        const renamed = own.at(-1)?.[1];
        if (renamed) renamed.username = "renamed@x.test";
      }
      if (quirk === "no-account") for (const [key] of own) delete cache.Account?.[key];
    }
    return cache;
  }

  it("chooses exactly as selectAccount over every account, or fails with the same error", () => {
    fc.assert(
      fc.property(
        fc.array(spec, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 2 }),
        fc.oneof(
          fc.record({
            username: fc.constantFrom(undefined, "a@x.test", "B@x.TEST", "renamed@x.test", "z@x"),
            tenantId: fc.constantFrom(undefined, contoso, fabrikam),
            enableGuestTenantAuthentication: fc.boolean(),
            byRecord: fc.constant(undefined),
          }),
          fc.record({ byRecord: fc.nat({ max: 12 }) }),
        ),
        (specs, stores, pick) => {
          const cache = cacheOf(specs);
          const snapshots = () =>
            Array.from({ length: stores }, (_, n) =>
              snapshotOf(cache, n === 0 ? "msal.cache" : "msal.cache.nocae"),
            );
          const homes = Object.values(
            cache.RefreshToken as Record<string, { home_account_id: string }>,
          ).map((entry) => entry.home_account_id);
          const criteria: AccountCriteria =
            pick.byRecord === undefined
              ? pick
              : { homeAccountId: homes[pick.byRecord] ?? "nobody.nowhere" };
          const directory = new AccountDirectory(snapshots(), publicCloud, cliClientId);
          const everyAccount = buildAccountViews(snapshots(), publicCloud, cliClientId);
          expect(outcome(() => selectAccountFrom(directory, criteria, none))).toEqual(
            outcome(() => selectAccount(everyAccount, criteria, none)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
