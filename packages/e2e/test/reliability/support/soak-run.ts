// Drives a credential through many getToken calls on a manual clock, against a fake authority
// whose tokens live a chosen number of seconds, and records what a soak asserts: requests per
// (scope, tenant) key against what refreshing once per half-lifetime needs, whether any served
// token had expired, and how many tokens the credential's memory cache held along the way.
import type { FakeNetworkModule, ManualClock } from "@entrakit/testkit";
import { tokenResponse } from "@entrakit/testkit";
import { fakeHost } from "./fake-entra";

/** What a soak does. */
export interface SoakPlan {
  readonly scopes: readonly string[];
  readonly tenants: readonly string[];
  /** Rounds of concurrent calls; the clock moves `tickMs` after each. */
  readonly ticks: number;
  readonly callsPerTick: number;
  readonly tickMs: number;
  /** Token lifetime in seconds for the scope at `index`. */
  readonly lifetimeSeconds: (index: number) => number;
}

/** The key over its bound by the most, when any is. */
export interface KeyOverBound {
  readonly key: string;
  readonly requests: number;
  readonly bound: number;
}

/** What a soak saw. */
export interface SoakReport {
  readonly calls: number;
  readonly requests: number;
  /** Keys asked for at least once. */
  readonly keysUsed: number;
  /** Keys that got more requests than one per half-lifetime (plus the first, plus a code). */
  readonly keysOverBound: number;
  readonly worstKey?: KeyOverBound;
  /** Tokens handed out whose expiry had passed on the credential's clock. */
  readonly expiredServed: number;
  /** The largest memory-cache size seen, sampled every 10 ticks and at the end. */
  readonly maxMemoryEntries: number;
  /** True when the run stopped at the first key over its bound. */
  readonly stoppedEarly: boolean;
}

/** A credential the soak can drive and look into. */
export interface SoakSubject {
  getToken(
    scopes: string,
    options: { tenantId: string },
  ): Promise<{ token: string; expiresOnTimestamp: number }>;
  readonly memoryCacheSize: number;
}

/** A small deterministic PRNG (mulberry32), so every run makes the same calls. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function scopeIn(plan: SoakPlan, requestedScopes: string | undefined): number {
  const index = plan.scopes.findIndex((scope) => (requestedScopes ?? "").includes(scope));
  return Math.max(0, index);
}

function tenantIn(url: string): string {
  return new URL(url).pathname.split("/")[1] ?? "";
}

/**
 * Scripts the token endpoint of `network`: a token for the requested scope and tenant that
 * expires `lifetimeSeconds` after the manual clock's now. MSAL turns `expires_in` into a time
 * with the system clock, which no option reaches, so the answer adds how far the manual clock
 * has run ahead of it.
 */
export function serveSoakTokens(
  network: FakeNetworkModule,
  plan: SoakPlan,
  clock: ManualClock,
  clientId: string,
): void {
  network.on("POST", "/oauth2/v2.0/token", (request) => {
    const index = scopeIn(plan, request.form.scope);
    const ahead = Math.round((clock.now() - Date.now()) / 1000);
    return tokenResponse({
      scope: `${plan.scopes[index]} openid profile offline_access`,
      expiresIn: plan.lifetimeSeconds(index) + ahead,
      clientId,
      foci: true,
      authorityHost: fakeHost,
      idTokenClaims: { tid: tenantIn(request.url) },
    });
  });
}

/** Counts token requests per (scope, tenant) key as they arrive. */
class KeyCounter {
  readonly #counts = new Map<string, { index: number; requests: number }>();
  #seen = 0;

  constructor(
    private readonly network: FakeNetworkModule,
    private readonly plan: SoakPlan,
  ) {}

  update(): void {
    const requests = this.network.requests;
    for (; this.#seen < requests.length; this.#seen++) {
      const request = requests[this.#seen];
      if (request === undefined || request.method !== "POST") continue;
      const index = scopeIn(this.plan, request.form.scope);
      const key = `${this.plan.scopes[index]} @ ${tenantIn(request.url)}`;
      const entry = this.#counts.get(key) ?? { index, requests: 0 };
      entry.requests++;
      this.#counts.set(key, entry);
    }
  }

  /**
   * Keys over their bound after `elapsedMs`: the first fetch, then at most one refresh per
   * half-lifetime (less 2 s, as MSAL rounds expiries to whole seconds of its own clock).
   */
  overBound(elapsedMs: number): KeyOverBound[] {
    const over: KeyOverBound[] = [];
    for (const [key, { index, requests }] of this.#counts) {
      const intervalMs = (this.plan.lifetimeSeconds(index) * 1000) / 2 - 2_000;
      const bound = 1 + Math.floor(elapsedMs / intervalMs);
      if (requests > bound) over.push({ key, requests, bound });
    }
    return over.sort((a, b) => b.requests - b.bound - (a.requests - a.bound));
  }
}

/**
 * Runs `plan` against `subject`. Each tick asks for `callsPerTick / 2` random keys at once,
 * twice in a row each (an app making two calls in a row), then moves the clock. With
 * `stopEarly`, the run stops at the first key over its bound.
 */
export async function runSoak(
  subject: SoakSubject,
  network: FakeNetworkModule,
  clock: ManualClock,
  plan: SoakPlan,
  stopEarly: boolean,
): Promise<SoakReport> {
  const random = seededRandom(0x5eed);
  const counter = new KeyCounter(network, plan);
  const keysUsed = new Set<string>();
  let calls = 0;
  let expiredServed = 0;
  let maxMemoryEntries = 0;
  let stoppedEarly = false;
  let elapsedMs = 0;
  const call = async (scope: string, tenantId: string) => {
    const token = await subject.getToken(scope, { tenantId });
    calls++;
    if (token.expiresOnTimestamp <= clock.now()) expiredServed++;
  };
  for (let tick = 0; tick < plan.ticks; tick++) {
    const batch = Array.from({ length: plan.callsPerTick / 2 }, () => ({
      scope: plan.scopes[Math.floor(random() * plan.scopes.length)] as string,
      tenantId: plan.tenants[Math.floor(random() * plan.tenants.length)] as string,
    }));
    for (const { scope, tenantId } of batch) keysUsed.add(`${scope} @ ${tenantId}`);
    await Promise.all(
      batch.map(async ({ scope, tenantId }) => {
        await call(scope, tenantId);
        await call(scope, tenantId);
      }),
    );
    if (tick % 10 === 0) maxMemoryEntries = Math.max(maxMemoryEntries, subject.memoryCacheSize);
    counter.update();
    if (stopEarly && counter.overBound(elapsedMs).length > 0) {
      stoppedEarly = true;
      break;
    }
    clock.advance(plan.tickMs);
    elapsedMs += plan.tickMs;
  }
  maxMemoryEntries = Math.max(maxMemoryEntries, subject.memoryCacheSize);
  counter.update();
  const over = counter.overBound(elapsedMs);
  return {
    calls,
    requests: network.countPosts(),
    keysUsed: keysUsed.size,
    keysOverBound: over.length,
    ...(over[0] === undefined ? {} : { worstKey: over[0] }),
    expiredServed,
    maxMemoryEntries,
    stoppedEarly,
  };
}

/**
 * The size of core's in-memory token cache. The base class keeps it private; a soak reads it
 * to prove it stays bounded, and fails loudly if the field ever moves, so the check cannot
 * silently pass.
 */
export function memoryCacheSizeOf(credential: object): number {
  const size = (credential as { tokens?: { size?: unknown } }).tokens?.size;
  if (typeof size !== "number") {
    throw new TypeError("the credential's memory cache (tokens.size) is gone: update the soak");
  }
  return size;
}

/** Entries per section of a serialized MSAL cache. */
export function cacheEntryCounts(text: string | undefined): Record<string, number> {
  const sections = text ? (JSON.parse(text) as Record<string, object>) : {};
  return Object.fromEntries(
    Object.entries(sections).map(([name, entries]) => [name, Object.keys(entries).length]),
  );
}
