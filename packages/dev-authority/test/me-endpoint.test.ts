import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DevAuthority,
  defaultGuestTenantId,
  defaultTenantId,
  defaultUsername,
  startDevAuthority,
} from "../src/index.js";
import { get, manualClock, signInAndRedeem } from "./helpers/authority-helpers.js";
import { request } from "./helpers/https-client.js";

const clock = manualClock();
let authority: DevAuthority;
beforeAll(async () => {
  authority = await startDevAuthority({ clock });
});
afterAll(() => authority.close());

const me = (token: string) => get(authority, "/me", { authorization: `Bearer ${token}` });

describe("GET /me", () => {
  it("returns the profile for a Graph token from this authority", async () => {
    const { access_token } = await signInAndRedeem(authority, { scopes: "User.Read" });
    const response = await me(access_token);
    expect(response.status).toBe(200);
    const user = authority.getUser(defaultUsername)!;
    expect(response.json()).toEqual({
      id: user.tenants[0]!.objectId,
      displayName: "Alice Smith",
      userPrincipalName: defaultUsername,
      mail: defaultUsername,
      tenantId: defaultTenantId,
      homeTenantId: defaultTenantId,
    });
    expect(
      (await get(authority, "/v1.0/me", { authorization: `Bearer ${access_token}` })).status,
    ).toBe(200);
  });

  it("returns the guest profile for a guest-tenant token", async () => {
    const { access_token } = await signInAndRedeem(authority, {
      scopes: "User.Read",
      tenant: defaultGuestTenantId,
    });
    expect((await me(access_token)).json()).toMatchObject({
      tenantId: defaultGuestTenantId,
      homeTenantId: defaultTenantId,
    });
  });

  it("refuses a token for another audience", async () => {
    const { access_token } = await signInAndRedeem(authority, {
      scopes: "https://storage.azure.com/.default",
    });
    const response = await me(access_token);
    expect(response.status).toBe(401);
    expect(response.json()).toEqual({
      error: { code: "InvalidAuthenticationToken", message: "Invalid audience." },
    });
    expect(response.headers["www-authenticate"]).toContain('error="invalid_token"');
  });

  it("refuses an expired token", async () => {
    const { access_token } = await signInAndRedeem(authority, { scopes: "User.Read" });
    clock.advance(3_600_000);
    const response = await me(access_token);
    expect(response.status).toBe(401);
    expect(response.body).toContain("expired");
  });

  it("refuses a tampered token, a missing token and a non-JWT", async () => {
    const { access_token } = await signInAndRedeem(authority, { scopes: "User.Read" });
    const [header, payload, signature] = access_token.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<
      string,
      unknown
    >;
    const forged = Buffer.from(JSON.stringify({ ...claims, name: "Mallory" })).toString(
      "base64url",
    );
    expect((await me(`${header}.${forged}.${signature}`)).status).toBe(401);
    expect((await request(`${authority.url}/me`, { ca: authority.caPem })).status).toBe(401);
    expect((await me("garbage")).status).toBe(401);
  });
});
