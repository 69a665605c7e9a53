// 10,000 getToken calls across 50 scopes x 5 tenants on a manual clock: every call gets an
// unexpired token, the credential's memory cache stays bounded by the number of (scope, tenant)
// keys, and no key is fetched more often than once per half of its token's lifetime. Tokens
// live 10 to 60 minutes in the full run and 10 to 60 seconds in the short-lived runs. No timing
// is asserted: time is the manual clock's.
import { AuthorizationCodeCredential } from "@entrakit/auth-code";
import { type CachePersistence, createMemoryPersistence } from "@entrakit/cache-persistence";
import { SharedTokenCacheCredential } from "@entrakit/shared-cache";
import { type FakeNetworkModule, ManualClock } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import {
  developerClientId,
  fakeClientId,
  fakeEntra,
  fakeRedirectUri,
  fakeTenant,
} from "./support/fake-entra";
import { sharedCacheObject } from "./support/shared-cache-json";
import {
  cacheEntryCounts,
  memoryCacheSizeOf,
  runSoak,
  type SoakPlan,
  type SoakReport,
  type SoakSubject,
  serveSoakTokens,
} from "./support/soak-run";

const tenants = [
  fakeTenant,
  "0d2a4e6c-8b1f-4c3e-9a5d-7f6e8b9c0a1d",
  "5f9c2b7e-3a1d-4e6f-8b2c-9d0e1f2a3b4c",
  "8e7d6c5b-4a39-4281-9706-f5e4d3c2b1a0",
  "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f",
];
const scopes = Array.from({ length: 50 }, (_, n) => `api://soak-${n}/.default`);
const keys = scopes.length * tenants.length;
const lifetimes = [10, 20, 30, 60];

/** 1,000 ticks of 10 calls: 10,000 calls, each key asked for about every 50 ticks. */
const minutesPlan: SoakPlan = {
  scopes,
  tenants,
  ticks: 1_000,
  callsPerTick: 10,
  tickMs: 1_000,
  lifetimeSeconds: (index) => 60 * (lifetimes[index % lifetimes.length] as number),
};
/** The same calls with tokens of seconds, the clock moving 1 s a tick. */
const secondsPlan: SoakPlan = {
  ...minutesPlan,
  lifetimeSeconds: (index) => lifetimes[index % lifetimes.length] as number,
};

class SoakAuthorizationCodeCredential extends AuthorizationCodeCredential implements SoakSubject {
  get memoryCacheSize(): number {
    return memoryCacheSizeOf(this);
  }
}

class SoakSharedTokenCacheCredential extends SharedTokenCacheCredential implements SoakSubject {
  get memoryCacheSize(): number {
    return memoryCacheSizeOf(this);
  }
}

interface Soak {
  subject: SoakSubject & { close(): Promise<void> };
  network: FakeNetworkModule;
  clock: ManualClock;
  /** MSAL's cache, when the run keeps it where it can be counted. */
  msalCache: CachePersistence | undefined;
}

type SubjectName = "AuthorizationCodeCredential" | "SharedTokenCacheCredential";

function start(name: SubjectName, plan: SoakPlan, observeMsalCache: boolean): Soak {
  const clock = new ManualClock({ start: Date.now() });
  const common = {
    disableInstanceDiscovery: true,
    env: {},
    clock,
    additionallyAllowedTenants: ["*"],
  };
  if (name === "AuthorizationCodeCredential") {
    const network = fakeEntra(tenants, { status: 500 });
    serveSoakTokens(network, plan, clock, fakeClientId);
    // MSAL's cache goes through the cache plugin only when counted: the plugin serializes the
    // whole cache on every access, which would dominate a long run.
    const msalCache = observeMsalCache ? createMemoryPersistence() : undefined;
    const subject = new SoakAuthorizationCodeCredential(
      fakeTenant,
      fakeClientId,
      "soak-client-secret",
      "soak-code",
      fakeRedirectUri,
      {
        ...common,
        networkModule: network,
        ...(msalCache ? { tokenCachePersistenceOptions: { persistence: msalCache } } : {}),
      },
    );
    return { subject, network, clock, msalCache };
  }
  const network = fakeEntra(["organizations", ...tenants], { status: 500 });
  serveSoakTokens(network, plan, clock, developerClientId);
  // The shared cache is where this credential writes its new tokens back.
  const msalCache = createMemoryPersistence({
    initialData: JSON.stringify(
      sharedCacheObject([
        {
          username: "alice@contoso.com",
          uid: "11111111-2222-4333-8444-555555555555",
          tenantId: fakeTenant,
          refreshToken: "0.A-soak-refresh-token",
        },
      ]),
    ),
  });
  const subject = new SoakSharedTokenCacheCredential({
    ...common,
    networkModule: network,
    tokenCachePersistenceOptions: { persistence: msalCache },
  });
  return { subject, network, clock, msalCache };
}

async function soak(
  name: SubjectName,
  plan: SoakPlan,
  options: { stopEarly: boolean; observeMsalCache: boolean },
): Promise<SoakReport & { msalEntries: Record<string, number> }> {
  const { subject, network, clock, msalCache } = start(name, plan, options.observeMsalCache);
  try {
    const report = await runSoak(subject, network, clock, plan, options.stopEarly);
    const stored = await msalCache?.load();
    return { ...report, msalEntries: cacheEntryCounts(stored?.data) };
  } finally {
    await subject.close();
  }
}

/**
 * MSAL keeps one access token per (scope, tenant) and one account profile per tenant. The code
 * is redeemed at the credential's own tenant whichever tenant the first call asked for, so that
 * redemption may leave one token for a key nobody asked for.
 */
function expectMsalCacheBounded(entries: Record<string, number>, keysUsed: number): void {
  expect(entries.AccessToken).toBeGreaterThan(0);
  expect(entries.AccessToken).toBeLessThanOrEqual(keysUsed + 1);
  expect(entries.IdToken).toBeLessThanOrEqual(tenants.length);
  expect(entries.Account).toBeLessThanOrEqual(tenants.length);
  expect(entries.RefreshToken).toBe(1);
}

describe.each(["AuthorizationCodeCredential", "SharedTokenCacheCredential"] as const)(
  "%s soak",
  (name) => {
    it("10,000 calls, tokens of 10-60 minutes: no key over its bound, caches bounded", async () => {
      const report = await soak(name, minutesPlan, {
        stopEarly: false,
        observeMsalCache: name === "SharedTokenCacheCredential",
      });
      console.log(`${name}, 10,000 calls, lifetimes of minutes: ${JSON.stringify(report)}`);

      expect(report.calls).toBe(10_000);
      expect(report.expiredServed).toBe(0);
      expect(report.keysUsed).toBe(keys);
      expect(report.keysOverBound).toBe(0);
      // Every key fetched, and refreshed as its tokens aged, yet far fewer requests than calls.
      expect(report.requests).toBeGreaterThan(keys);
      expect(report.requests).toBeLessThan(report.calls / 5);
      expect(report.maxMemoryEntries).toBeGreaterThan(0);
      expect(report.maxMemoryEntries).toBeLessThanOrEqual(keys);
      if (name === "SharedTokenCacheCredential") {
        expectMsalCacheBounded(report.msalEntries, report.keysUsed);
      }
    });

    it("tokens of 10-60 seconds: every call gets an unexpired token, caches stay bounded", async () => {
      // 15 ticks of 1 s: the 10 s tokens expire on the way.
      const report = await soak(
        name,
        { ...secondsPlan, ticks: 15 },
        {
          stopEarly: false,
          observeMsalCache: true,
        },
      );
      console.log(`${name}, 150 calls, lifetimes of seconds: ${JSON.stringify(report)}`);

      expect(report.calls).toBe(150);
      expect(report.expiredServed).toBe(0);
      expect(report.maxMemoryEntries).toBeGreaterThan(0);
      expect(report.maxMemoryEntries).toBeLessThanOrEqual(report.keysUsed);
      expectMsalCacheBounded(report.msalEntries, report.keysUsed);
    });

    // Regression: a token living less than core's 5-minute refresh window used to be fetched
    // again on every call; core now serves it for half its remaining life. The run stops at
    // the first key over its bound.
    it("10,000 calls, tokens of 10-60 seconds: no key over its bound (no request storm)", {
      timeout: 300_000,
    }, async () => {
      const report = await soak(name, secondsPlan, { stopEarly: true, observeMsalCache: false });
      console.log(`${name}, lifetimes of seconds: ${JSON.stringify(report)}`);

      expect(report.stoppedEarly).toBe(false);
      expect(report.keysOverBound).toBe(0);
    });
  },
);
