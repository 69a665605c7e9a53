import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type DevAuthority,
  defaultSecondUsername,
  defaultUsername,
  startDevAuthority,
} from "../src/index.js";
import {
  decodePayload,
  type ErrorBody,
  get,
  manualClock,
  postToken,
  publicRedirectUri,
  refresh,
  signInAndRedeem,
} from "./helpers/authority-helpers.js";

const cp1 = JSON.stringify({ access_token: { xms_cc: { values: ["cp1"] } } });
const clock = manualClock();
let authority: DevAuthority;
beforeAll(async () => {
  authority = await startDevAuthority({ clock });
});
beforeEach(() => authority.reset());
afterAll(() => authority.close());

describe("client capabilities", () => {
  it("adds xms_cc to access tokens of cp1 clients only", async () => {
    const capable = await signInAndRedeem(authority, { claims: cp1 });
    expect(decodePayload(capable.access_token).xms_cc).toEqual(["cp1"]);
    const fromSignIn = await signInAndRedeem(authority, { capabilities: ["cp1"] });
    expect(decodePayload(fromSignIn.access_token).xms_cc).toEqual(["cp1"]);
    const plain = await signInAndRedeem(authority);
    expect(decodePayload(plain.access_token).xms_cc).toBeUndefined();
  });

  it("refuses a claims parameter that is not JSON", async () => {
    const code = authority.mintCode({ username: defaultUsername, scopes: "User.Read" });
    const response = await postToken(authority, {
      grant_type: "authorization_code",
      client_id: "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
      code,
      redirect_uri: publicRedirectUri,
      claims: "{not json",
    });
    expect(response.json<ErrorBody>()).toMatchObject({
      error: "invalid_request",
      error_codes: [9002313],
    });
  });
});

describe("revoking a user's sessions", () => {
  it("refuses earlier refresh tokens of non-CAE clients with invalid_grant AADSTS50173", async () => {
    const tokens = await signInAndRedeem(authority);
    const other = await signInAndRedeem(authority, { username: defaultSecondUsername });
    authority.revokeSessions(defaultUsername);
    const response = await refresh(authority, tokens.refresh_token!);
    expect(response.status).toBe(400);
    const body = response.json<ErrorBody>();
    expect(body).toMatchObject({ error: "invalid_grant", error_codes: [50173] });
    expect(body.error_description).toMatch(
      /^AADSTS50173: The provided grant has expired due to it being revoked/,
    );
    expect(body.claims).toBeUndefined();
    expect((await refresh(authority, other.refresh_token!)).status).toBe(200);
  });

  it("sends cp1 clients interaction_required with the claims challenge", async () => {
    const tokens = await signInAndRedeem(authority, { claims: cp1 });
    clock.advance(5_000);
    const challenge = authority.revokeSessions(defaultUsername);
    expect(JSON.parse(challenge)).toEqual({
      access_token: { nbf: { essential: true, value: String(Math.floor(clock.now() / 1000)) } },
    });
    expect(authority.claimsChallenge(defaultUsername)).toBe(challenge);
    const response = await refresh(authority, tokens.refresh_token!, { claims: cp1 });
    const body = response.json<ErrorBody>();
    expect(body).toMatchObject({
      error: "interaction_required",
      error_codes: [50173],
      claims: challenge,
    });
  });

  it("answers a cp1 client that sends the challenge with invalid_grant (the grant stays revoked)", async () => {
    const tokens = await signInAndRedeem(authority, { claims: cp1 });
    const challenge = JSON.parse(authority.revokeSessions(defaultUsername)) as {
      access_token: Record<string, unknown>;
    };
    const answer = JSON.stringify({
      access_token: { ...challenge.access_token, xms_cc: { values: ["cp1"] } },
    });
    const body = (
      await refresh(authority, tokens.refresh_token!, { claims: answer })
    ).json<ErrorBody>();
    expect(body).toMatchObject({ error: "invalid_grant", error_codes: [50173] });
    expect(body.claims).toBeUndefined();
  });

  it("refuses codes issued before the revocation and accepts a new sign-in", async () => {
    const early = authority.mintCode({
      username: defaultUsername,
      scopes: "User.Read offline_access",
    });
    authority.revokeSessions(defaultUsername);
    const refused = await postToken(authority, {
      grant_type: "authorization_code",
      client_id: "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
      code: early,
      redirect_uri: publicRedirectUri,
    });
    expect(refused.json<ErrorBody>().error_codes).toEqual([50173]);
    const fresh = await signInAndRedeem(authority);
    expect((await refresh(authority, fresh.refresh_token!)).status).toBe(200);
  });

  it("makes /me challenge earlier cp1 access tokens with insufficient_claims", async () => {
    const capable = await signInAndRedeem(authority, {
      claims: cp1,
      scopes: "User.Read offline_access",
    });
    const plain = await signInAndRedeem(authority, { scopes: "User.Read offline_access" });
    const challenge = authority.revokeSessions(defaultUsername);
    const challenged = await get(authority, "/me", {
      authorization: `Bearer ${capable.access_token}`,
    });
    expect(challenged.status).toBe(401);
    const header = String(challenged.headers["www-authenticate"]);
    expect(header).toContain('error="insufficient_claims"');
    const claims = /claims="([^"]+)"/.exec(header)?.[1] ?? "";
    expect(Buffer.from(claims, "base64").toString()).toBe(challenge);
    // A non-CAE token is not evaluated: it lives until it expires.
    expect(
      (await get(authority, "/me", { authorization: `Bearer ${plain.access_token}` })).status,
    ).toBe(200);
    const after = await signInAndRedeem(authority, {
      claims: cp1,
      scopes: "User.Read offline_access",
    });
    expect(
      (await get(authority, "/me", { authorization: `Bearer ${after.access_token}` })).status,
    ).toBe(200);
  });

  it("throws RangeError for an unknown user", () => {
    expect(() => authority.revokeSessions("nobody@contoso.test")).toThrow(RangeError);
    expect(authority.claimsChallenge(defaultUsername)).toBeUndefined();
  });
});
