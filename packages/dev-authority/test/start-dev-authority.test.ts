import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  consumersTenantId,
  type DevAuthority,
  defaultApps,
  defaultGuestTenantId,
  defaultPublicClientId,
  defaultTenantId,
  defaultUsername,
  defaultUsers,
  startDevAuthority,
} from "../src/index.js";
import { type ErrorBody, get, refresh, signInAndRedeem } from "./helpers/authority-helpers.js";

let authority: DevAuthority;
beforeAll(async () => {
  authority = await startDevAuthority();
});
afterAll(() => authority.close());

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 0;
}

describe("startDevAuthority", () => {
  it("listens on a random loopback port and describes itself", () => {
    expect(authority.url).toBe(`https://127.0.0.1:${authority.port}`);
    expect(authority.host).toBe(`127.0.0.1:${authority.port}`);
    expect(authority.port).toBeGreaterThan(0);
    expect(authority.authorityUrl()).toBe(`${authority.url}/${defaultTenantId}`);
    expect(authority.authorityUrl("common")).toBe(`${authority.url}/common`);
    expect(() => authority.authorityUrl("a/b")).toThrow(TypeError);
    expect(authority.caPem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
  });

  it("starts the documented defaults", () => {
    expect(defaultApps.map((app) => app.clientId)).toContain(defaultPublicClientId);
    expect(defaultApps.find((app) => app.clientId === defaultPublicClientId)).toMatchObject({
      familyId: "1",
      redirectUris: ["http://localhost"],
    });
    const alice = authority.getUser(defaultUsername);
    expect(alice?.tenants.map((profile) => [profile.tenantId, profile.isGuest])).toEqual([
      [defaultTenantId, false],
      [defaultGuestTenantId, true],
    ]);
    expect(defaultUsers).toHaveLength(2);
  });

  it("listens on a given port, and reports a taken one", async () => {
    const port = await freePort();
    const fixed = await startDevAuthority({ port });
    try {
      expect(fixed.port).toBe(port);
      await expect(startDevAuthority({ port })).rejects.toMatchObject({ code: "EADDRINUSE" });
    } finally {
      await fixed.close();
    }
  });

  it("validates options with TypeError/RangeError naming them", async () => {
    await expect(startDevAuthority({ port: 70_000 })).rejects.toThrow(
      new RangeError("startDevAuthority: port must be an integer from 0 to 65535."),
    );
    await expect(startDevAuthority({ tls: { cert: 1 } as never })).rejects.toBeInstanceOf(
      TypeError,
    );
    await expect(startDevAuthority({ clock: {} as never })).rejects.toBeInstanceOf(TypeError);
    await expect(
      startDevAuthority({ lifetimes: { codeExpiresIn: Number.NaN } }),
    ).rejects.toBeInstanceOf(RangeError);
    await expect(startDevAuthority({ users: {} as never })).rejects.toThrow(
      "startDevAuthority: users must be an array.",
    );
    await expect(startDevAuthority({ apps: [{ clientId: "" }] })).rejects.toThrow(
      "startDevAuthority: apps[0].clientId must be a non-empty string without whitespace.",
    );
  });

  it("closes idempotently and through Symbol.asyncDispose", async () => {
    const second = await startDevAuthority({ includeDefaults: false });
    expect(second.getUser(defaultUsername)).toBeUndefined();
    await Promise.all([second.close(), second.close()]);
    await expect(get(second, "/common/discovery/instance")).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
    let url = "";
    {
      await using third = await startDevAuthority();
      url = third.url;
    }
    await expect(
      get({ ...authority, url } as DevAuthority, "/common/discovery/instance"),
    ).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
  });

  it("keeps two authorities independent", async () => {
    await using other = await startDevAuthority();
    const before = authority.countRequests();
    other.registerUser({ username: "zoe@contoso.test" });
    expect(authority.getUser("zoe@contoso.test")).toBeUndefined();
    const tokens = await signInAndRedeem(other);
    expect(other.countRequests()).toBe(1);
    expect(authority.countRequests()).toBe(before);
    // Grants live per instance: the other authority does not know this refresh token.
    expect((await refresh(authority, tokens.refresh_token!)).status).toBe(400);
  });

  it("reset forgets run-time registrations, grants and revocations", async () => {
    authority.registerUser({ username: "temp@contoso.test" });
    const tokens = await signInAndRedeem(authority);
    authority.revokeSessions(defaultUsername);
    authority.reset();
    expect(authority.getUser("temp@contoso.test")).toBeUndefined();
    expect(authority.claimsChallenge(defaultUsername)).toBeUndefined();
    expect(authority.requestLog()).toEqual([]);
    const stale = await refresh(authority, tokens.refresh_token!);
    expect(stale.json<ErrorBody>().error_codes).toEqual([70000]);
  });
});

describe("registrations", () => {
  it("derives stable object ids per tenant and accepts a fixed home object id", () => {
    const first = authority.registerUser({
      username: "frank@contoso.test",
      guestTenantIds: ["fabrikam.test"],
    });
    const again = authority.registerUser({
      username: "Frank@contoso.test",
      guestTenantIds: [defaultGuestTenantId],
    });
    expect(again.tenants).toEqual(first.tenants);
    expect(first.tenants[0]?.objectId).not.toBe(first.tenants[1]?.objectId);
    const fixed = authority.registerUser({
      username: "gina@contoso.test",
      objectId: "AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE",
    });
    expect(fixed.homeAccountId).toBe(`aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee.${defaultTenantId}`);
  });

  it("supports consumer (MSA) users at /consumers but not /organizations", () => {
    authority.registerUser({ username: "hal@outlook.test", homeTenantId: consumersTenantId });
    expect(
      authority.mintCode({
        username: "hal@outlook.test",
        scopes: "User.Read",
        tenant: "consumers",
      }),
    ).toBeTruthy();
    expect(() =>
      authority.mintCode({
        username: "hal@outlook.test",
        scopes: "User.Read",
        tenant: "organizations",
      }),
    ).toThrow(RangeError);
  });

  it("rejects malformed registrations with TypeError/RangeError naming the field", () => {
    expect(() => authority.registerTenant({ tenantId: "not-a-guid" })).toThrow(
      "registerTenant: tenant.tenantId must be a GUID",
    );
    expect(() =>
      authority.registerTenant({
        tenantId: "55555555-5555-4555-8555-555555555555",
        domains: ["contoso.test"],
      }),
    ).toThrow(RangeError);
    expect(() => authority.registerApp({ clientId: "x", redirectUris: ["not a uri"] })).toThrow(
      "registerApp: app.redirectUris must hold absolute URIs.",
    );
    expect(() =>
      authority.registerApp({ clientId: "x", clientSecret: "s", isPublicClient: true }),
    ).toThrow(TypeError);
    expect(() => authority.registerApp({ clientId: "x", certificates: ["garbage"] })).toThrow(
      "registerApp: app.certificates must hold certificate PEMs, public key PEMs or KeyObjects.",
    );
    expect(() => authority.registerUser({ username: "no-at-sign" })).toThrow(TypeError);
    expect(() =>
      authority.registerUser({ username: "ivy@contoso.test", homeTenantId: "nowhere.test" }),
    ).toThrow(RangeError);
  });

  it("validates mintCode options", () => {
    const base = { username: defaultUsername, scopes: "User.Read" };
    expect(() => authority.mintCode({ ...base, username: "nobody@contoso.test" })).toThrow(
      RangeError,
    );
    expect(() => authority.mintCode({ ...base, clientId: "nobody" })).toThrow(RangeError);
    expect(() => authority.mintCode({ ...base, redirectUri: "https://evil.test" })).toThrow(
      RangeError,
    );
    expect(() => authority.mintCode({ ...base, scopes: [] })).toThrow(TypeError);
    expect(() =>
      authority.mintCode({
        ...base,
        scopes: "https://vault.azure.net/.default https://storage.azure.com/.default",
      }),
    ).toThrow(
      /mintCode: scopes: Provided value for the input parameter scope is not valid because it contains more than one resource/,
    );
    expect(() => authority.mintCode({ ...base, tenant: "nowhere.test" })).toThrow(RangeError);
    expect(() =>
      authority.mintCode({ ...base, username: "bob@contoso.test", tenant: defaultGuestTenantId }),
    ).toThrow(RangeError);
    authority.registerApp({ clientId: "no-redirect" });
    expect(() => authority.mintCode({ ...base, clientId: "no-redirect" })).toThrow(TypeError);
    expect(() =>
      authority.mintCode({
        ...base,
        codeChallenge: "x".repeat(43),
        codeChallengeMethod: "S512" as never,
      }),
    ).toThrow(TypeError);
  });
});
