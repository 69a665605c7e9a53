import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type DevAuthority,
  defaultFamilyClientId,
  defaultGuestTenantId,
  defaultPublicClientId,
  defaultSecondUsername,
  defaultTenantId,
  defaultUsername,
  defaultWebAppClientId,
  defaultWebAppRedirectUri,
  defaultWebAppSecret,
  startDevAuthority,
} from "../src/index.js";
import {
  decodePayload,
  type ErrorBody,
  manualClock,
  postToken,
  refresh,
  signInAndRedeem,
  type TokenBody,
} from "./helpers/authority-helpers.js";

const clock = manualClock();
let authority: DevAuthority;
beforeAll(async () => {
  authority = await startDevAuthority({ clock });
});
beforeEach(() => authority.reset());
afterAll(() => authority.close());

async function refreshed(
  token: string,
  options?: Parameters<typeof refresh>[2],
): Promise<TokenBody> {
  const response = await refresh(authority, token, options);
  expect(response.status, response.body).toBe(200);
  return response.json<TokenBody>();
}

describe("refresh_token grant", () => {
  it("issues tokens for any resource from one refresh token", async () => {
    const first = await signInAndRedeem(authority);
    const storage = await refreshed(first.refresh_token!);
    expect(decodePayload(storage.access_token).aud).toBe("https://storage.azure.com");
    const vault = await refreshed(storage.refresh_token!, {
      scope: "https://vault.azure.net/user_impersonation offline_access",
    });
    expect(decodePayload(vault.access_token)).toMatchObject({
      aud: "https://vault.azure.net",
      scp: "user_impersonation",
    });
    expect(vault.scope).toBe("https://vault.azure.net/user_impersonation offline_access");
    expect(vault.id_token).toBeUndefined();
  });

  it("rotates: every redemption returns a new refresh token", async () => {
    const first = await signInAndRedeem(authority);
    const second = await refreshed(first.refresh_token!);
    const third = await refreshed(second.refresh_token!);
    expect(new Set([first.refresh_token, second.refresh_token, third.refresh_token]).size).toBe(3);
  });

  it("keeps a rotated token valid for the grace period, then refuses it (AADSTS70000)", async () => {
    const first = await signInAndRedeem(authority);
    await refreshed(first.refresh_token!);
    clock.advance(59_000);
    await refreshed(first.refresh_token!);
    clock.advance(1_000);
    const late = await refresh(authority, first.refresh_token!);
    expect(late.status).toBe(400);
    expect(late.json<ErrorBody>()).toMatchObject({ error: "invalid_grant", error_codes: [70000] });
  });

  it("is strictly single-use with rotatedRefreshTokenGrace 0", async () => {
    authority.setTokenLifetimes({ rotatedRefreshTokenGrace: 0 });
    const first = await signInAndRedeem(authority);
    const second = await refreshed(first.refresh_token!);
    expect((await refresh(authority, first.refresh_token!)).json<ErrorBody>().error_codes).toEqual([
      70000,
    ]);
    expect((await refresh(authority, second.refresh_token!)).status).toBe(200);
  });

  it("expires after refreshTokenExpiresIn, sliding on each redemption (AADSTS70008)", async () => {
    authority.setTokenLifetimes({ refreshTokenExpiresIn: 100 });
    const first = await signInAndRedeem(authority);
    clock.advance(90_000);
    const second = await refreshed(first.refresh_token!);
    clock.advance(90_000);
    const third = await refreshed(second.refresh_token!);
    clock.advance(100_000);
    const expired = await refresh(authority, third.refresh_token!);
    expect(expired.json<ErrorBody>()).toMatchObject({
      error: "invalid_grant",
      error_codes: [70008],
    });
  });

  it("expires now on expireRefreshToken() and expireRefreshTokens()", async () => {
    const alice = await signInAndRedeem(authority);
    const bob = await signInAndRedeem(authority, { username: defaultSecondUsername });
    expect(authority.expireRefreshToken(alice.refresh_token!)).toBe(true);
    expect((await refresh(authority, alice.refresh_token!)).json<ErrorBody>().error_codes).toEqual([
      70008,
    ]);
    expect((await refresh(authority, bob.refresh_token!)).status).toBe(200);

    const again = await signInAndRedeem(authority);
    expect(authority.expireRefreshTokens({ username: defaultUsername })).toBe(1);
    expect((await refresh(authority, again.refresh_token!)).json<ErrorBody>().error_codes).toEqual([
      70008,
    ]);
    expect(authority.expireRefreshToken("unknown")).toBe(false);
  });

  it("shares FOCI refresh tokens across family clients, and reports foci", async () => {
    const cli = await signInAndRedeem(authority);
    expect(cli.foci).toBe("1");
    const powershell = await refreshed(cli.refresh_token!, { clientId: defaultFamilyClientId });
    expect(powershell.foci).toBe("1");
    expect(decodePayload(powershell.access_token).appid).toBe(defaultFamilyClientId);
    // The new token belongs to the family too, so the first client can redeem it back.
    expect(
      (await refresh(authority, powershell.refresh_token!, { clientId: defaultPublicClientId }))
        .status,
    ).toBe(200);
  });

  it("refuses a refresh token from a client outside the family", async () => {
    const cli = await signInAndRedeem(authority);
    const response = await postToken(authority, {
      grant_type: "refresh_token",
      client_id: defaultWebAppClientId,
      client_secret: defaultWebAppSecret,
      refresh_token: cli.refresh_token,
      scope: "User.Read",
    });
    expect(response.json<ErrorBody>()).toMatchObject({
      error: "invalid_grant",
      error_codes: [70000],
    });

    const webCode = authority.mintCode({
      username: defaultUsername,
      clientId: defaultWebAppClientId,
      scopes: "User.Read offline_access",
      redirectUri: defaultWebAppRedirectUri,
    });
    const web = await postToken(authority, {
      grant_type: "authorization_code",
      client_id: defaultWebAppClientId,
      client_secret: defaultWebAppSecret,
      code: webCode,
      redirect_uri: defaultWebAppRedirectUri,
    });
    const webRefresh = web.json<TokenBody>().refresh_token!;
    const stolen = await refresh(authority, webRefresh, { clientId: defaultPublicClientId });
    expect(stolen.json<ErrorBody>().error_codes).toEqual([70000]);
    const noSecret = await refresh(authority, webRefresh, { clientId: defaultWebAppClientId });
    expect(noSecret.json<ErrorBody>().error_codes).toEqual([7000218]);
  });

  it("redeems at a guest tenant with the guest profile; refuses tenants the user is not in", async () => {
    const home = await signInAndRedeem(authority);
    const guest = await refreshed(home.refresh_token!, {
      tenant: defaultGuestTenantId,
      scope: "User.Read openid offline_access",
    });
    const alice = authority.getUser(defaultUsername)!;
    expect(decodePayload(guest.access_token)).toMatchObject({
      tid: defaultGuestTenantId,
      oid: alice.tenants.find((profile) => profile.tenantId === defaultGuestTenantId)!.objectId,
    });
    expect(alice.homeAccountId).toBe(`${alice.tenants[0]!.objectId}.${defaultTenantId}`);
    const bob = await signInAndRedeem(authority, { username: defaultSecondUsername });
    const refused = await refresh(authority, bob.refresh_token!, { tenant: defaultGuestTenantId });
    expect(refused.json<ErrorBody>()).toMatchObject({
      error: "invalid_grant",
      error_codes: [50020],
    });
  });

  it("resolves common and a domain to the user's home tenant", async () => {
    const first = await signInAndRedeem(authority);
    const common = await refreshed(first.refresh_token!, { tenant: "common" });
    expect(decodePayload(common.access_token).tid).toBe(defaultTenantId);
    const domain = await refreshed(common.refresh_token!, { tenant: "fabrikam.test" });
    expect(decodePayload(domain.access_token).tid).toBe(defaultGuestTenantId);
  });

  it("requires refresh_token and scope, and refuses unknown tokens", async () => {
    const missing = await postToken(authority, {
      grant_type: "refresh_token",
      client_id: defaultPublicClientId,
    });
    expect(missing.json<ErrorBody>()).toMatchObject({
      error: "invalid_request",
      error_codes: [900144],
    });
    const first = await signInAndRedeem(authority);
    const noScope = await postToken(authority, {
      grant_type: "refresh_token",
      client_id: defaultPublicClientId,
      refresh_token: first.refresh_token,
    });
    expect(noScope.json<ErrorBody>().error_description).toContain("'scope'");
    expect((await refresh(authority, "1.Aunknown")).json<ErrorBody>().error_codes).toEqual([70000]);
  });
});
