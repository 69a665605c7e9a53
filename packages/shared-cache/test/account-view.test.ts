import { describe, expect, it } from "vitest";
import { buildAccountViews, sortAccountViews } from "../src/account-view";
import { cloudOf } from "../src/cloud";
import { buildCache } from "./helpers/cache-builder";
import {
  cliClientId,
  contoso,
  fabrikam,
  fixtureJson,
  nodeAlice,
  otherAppClientId,
  python,
} from "./helpers/fixtures";
import { snapshotOf } from "./helpers/snapshots";

const publicCloud = cloudOf("https://login.microsoftonline.com");

describe("buildAccountViews", () => {
  it("counts only accounts holding a refresh token of the Microsoft family", () => {
    const views = buildAccountViews(
      [snapshotOf(fixtureJson("node-style.msal.json"))],
      publicCloud,
      cliClientId,
    );
    expect(views.map((v) => v.username)).toEqual(["alice@contoso.com"]);
  });

  it("counts a refresh token whose family is known only from AppMetadata", () => {
    const views = buildAccountViews(
      [snapshotOf(fixtureJson("dotnet-style.msal.json"))],
      publicCloud,
      cliClientId,
    );
    expect(views.map((v) => v.username)).toContain("frank@contoso.com");
  });

  it("counts a non-family refresh token issued to the credential's own client", () => {
    const views = buildAccountViews(
      [snapshotOf(fixtureJson("node-style.msal.json"))],
      publicCloud,
      otherAppClientId,
    );
    expect(views.map((v) => v.username)).toEqual(["alice@contoso.com", "carol@contoso.com"]);
  });

  it("counts only the authority's cloud, including its aliases", () => {
    const snapshots = [
      snapshotOf(fixtureJson("node-style.msal.json")),
      snapshotOf(fixtureJson("dotnet-style.msal.json")),
    ];
    const publicNames = sortAccountViews(
      buildAccountViews(snapshots, publicCloud, cliClientId),
    ).map((v) => v.username);
    expect(publicNames).toEqual(
      [
        "alice@contoso.com",
        "bob@fabrikam.com",
        "Erin@Contoso.com",
        "erin@contoso.com",
        "frank@contoso.com",
      ].sort((a, b) => a.localeCompare(b)),
    );
    const gov = buildAccountViews(
      snapshots,
      cloudOf("https://login.microsoftonline.us"),
      cliClientId,
    );
    expect(gov.map((v) => v.username)).toEqual(["dave@contoso.us"]);
    const local = sortAccountViews(
      buildAccountViews(
        [snapshotOf(fixtureJson("msal-python/two-accounts.msal.json"))],
        cloudOf("https://127.0.0.1:8443"),
        cliClientId,
      ),
    );
    expect(local.map((v) => v.homeAccountId)).toEqual([
      python.alice.homeAccountId,
      python.bob.homeAccountId,
    ]);
  });

  it("keeps every tenant profile of an account (home first) instead of collapsing them", () => {
    const [alice] = buildAccountViews(
      [snapshotOf(fixtureJson("node-style.msal.json"))],
      publicCloud,
      cliClientId,
    );
    expect(alice).toMatchObject({
      homeAccountId: nodeAlice.homeAccountId,
      homeTenantId: contoso,
      tenantIds: [contoso, fabrikam],
      environment: "login.microsoftonline.com",
    });
  });

  it("joins one account's entries across stores and drops duplicate refresh tokens", () => {
    const cache = buildCache([{ username: "a@contoso.com", refreshToken: "same" }]);
    const views = buildAccountViews(
      [snapshotOf(cache, "msal.cache"), snapshotOf(cache, "msal.cache.nocae")],
      publicCloud,
      cliClientId,
    );
    expect(views).toHaveLength(1);
    expect(views[0]?.refreshTokens).toHaveLength(1);
  });

  it("orders refresh tokens: this client's first, then the newest", () => {
    const cache = buildCache([
      {
        username: "a@contoso.com",
        uid: "00000000-0000-4000-8000-00000000000a",
        clientId: "11111111-0000-4000-8000-000000000000",
        refreshToken: "old",
      },
    ]);
    const [home] = Object.values(cache.RefreshToken as object) as Array<Record<string, unknown>>;
    const key = "x-newer";
    (cache.RefreshToken as Record<string, unknown>)[key] = {
      ...home,
      secret: "newer",
      last_modification_time: "1800000000",
    };
    (cache.RefreshToken as Record<string, unknown>)["x-own"] = {
      ...home,
      secret: "own",
      client_id: cliClientId,
    };
    const [view] = buildAccountViews([snapshotOf(cache)], publicCloud, cliClientId);
    expect(view?.refreshTokens.map((r) => r.token.secret)).toEqual(["own", "newer", "old"]);
  });

  it("skips refresh tokens without an Account entry (no username to choose by)", () => {
    const cache = buildCache([{ username: "a@contoso.com" }]);
    cache.Account = {};
    expect(buildAccountViews([snapshotOf(cache)], publicCloud, cliClientId)).toEqual([]);
  });

  it("looks up only the given accounts, each as the full build sees it", () => {
    const snapshots = [
      snapshotOf(fixtureJson("node-style.msal.json")),
      snapshotOf(fixtureJson("dotnet-style.msal.json")),
    ];
    const all = buildAccountViews(snapshots, publicCloud, cliClientId);
    const alice = all.find((v) => v.homeAccountId === nodeAlice.homeAccountId);
    const [alone] = buildAccountViews(
      snapshots,
      publicCloud,
      cliClientId,
      new Set([nodeAlice.homeAccountId, "nobody.nowhere"]),
    );
    expect(alone).toMatchObject({
      homeAccountId: alice?.homeAccountId,
      username: alice?.username,
      environment: alice?.environment,
      tenantIds: alice?.tenantIds,
    });
    expect(alone?.refreshTokens).toEqual(alice?.refreshTokens);
  });
});

describe("sortAccountViews", () => {
  it("orders by username as people read it, then by home account id", () => {
    const cache = buildCache(
      ["bob@contoso.com", "Alice@contoso.com", "alice@contoso.com", "carol@contoso.com"].map(
        (username) => ({ username }),
      ),
    );
    const views = buildAccountViews([snapshotOf(cache)], publicCloud, cliClientId);
    const sorted = sortAccountViews([...views].reverse());
    expect(sorted.map((v) => v.username)).toEqual(
      ["bob@contoso.com", "Alice@contoso.com", "alice@contoso.com", "carol@contoso.com"].sort(
        (a, b) => a.localeCompare(b),
      ),
    );
    expect(sortAccountViews(views)).toEqual(sorted);
  });
});
