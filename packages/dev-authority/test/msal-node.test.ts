// Real @azure/msal-node clients against the authority, over TLS with its CA.
import {
  type AccountInfo,
  ConfidentialClientApplication,
  CryptoProvider,
  InteractionRequiredAuthError,
  PublicClientApplication,
} from "@azure/msal-node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createSelfSignedCertificate,
  type DevAuthority,
  defaultFamilyClientId,
  defaultGuestTenantId,
  defaultPublicClientId,
  defaultTenantId,
  defaultUsername,
  defaultWebAppClientId,
  defaultWebAppRedirectUri,
  defaultWebAppSecret,
  startDevAuthority,
} from "../src/index.js";
import {
  decodePayload,
  postToken,
  publicRedirectUri,
  type TokenBody,
} from "./helpers/authority-helpers.js";
import { postForm, request } from "./helpers/https-client.js";
import { createMsalNetworkModule } from "./helpers/msal-network.js";
import { parseSignInPage } from "./helpers/sign-in-page.js";

let authority: DevAuthority;
beforeAll(async () => {
  authority = await startDevAuthority();
});
beforeEach(() => authority.reset());
afterAll(() => authority.close());

function publicApp(clientId = defaultPublicClientId, clientCapabilities?: string[]) {
  return new PublicClientApplication({
    auth: {
      clientId,
      authority: authority.authorityUrl(),
      knownAuthorities: [authority.host],
      clientCapabilities,
    },
    system: { networkClient: createMsalNetworkModule(authority.caPem) },
  });
}

/** Follows MSAL's authorize URL through the real sign-in form and returns the code. */
async function signInThroughForm(authorizeUrl: string, username: string): Promise<string> {
  const page = await request(authorizeUrl, { ca: authority.caPem });
  const form = parseSignInPage(page.body);
  const response = await postForm(
    `${authority.url}${form.action}`,
    { request: form.pendingId, username, action: "continue" },
    { ca: authority.caPem },
  );
  const location = new URL(String(response.headers.location));
  return location.searchParams.get("code") ?? "";
}

async function signInWithMsal(app: PublicClientApplication, scopes: string[]) {
  const crypto = new CryptoProvider();
  const { verifier, challenge } = await crypto.generatePkceCodes();
  const nonce = crypto.createNewGuid();
  const url = await app.getAuthCodeUrl({
    scopes,
    redirectUri: publicRedirectUri,
    codeChallenge: challenge,
    codeChallengeMethod: "S256",
    nonce,
  });
  const code = await signInThroughForm(url, defaultUsername);
  return app.acquireTokenByCode(
    { code, scopes, redirectUri: publicRedirectUri, codeVerifier: verifier },
    { code, nonce },
  );
}

describe("@azure/msal-node PublicClientApplication", () => {
  it("acquireTokenByCode via getAuthCodeUrl and the sign-in form, then silent from cache", async () => {
    const app = publicApp();
    const result = await signInWithMsal(app, ["User.Read"]);
    const alice = authority.getUser(defaultUsername)!;
    expect(result.account?.homeAccountId).toBe(alice.homeAccountId);
    expect(result.account).toMatchObject({
      username: defaultUsername,
      tenantId: defaultTenantId,
      environment: authority.host,
    });
    expect(result.idTokenClaims).toMatchObject({ preferred_username: defaultUsername });
    expect(decodePayload(result.accessToken).aud).toBe("https://graph.microsoft.com");

    const tokenRequests = authority.countRequests({ endpoint: "token" });
    const cached = await app.acquireTokenSilent({
      account: result.account!,
      scopes: ["User.Read"],
    });
    expect(cached.accessToken).toBe(result.accessToken);
    expect(authority.countRequests({ endpoint: "token" })).toBe(tokenRequests);
  });

  it("acquireTokenSilent refreshes with the refresh token (forceRefresh, other resource, guest tenant)", async () => {
    const app = publicApp();
    const { account } = await signInWithMsal(app, ["User.Read"]);
    const forced = await app.acquireTokenSilent({
      account: account!,
      scopes: ["User.Read"],
      forceRefresh: true,
    });
    expect(authority.countRequests({ grantType: "refresh_token" })).toBe(1);
    expect(forced.fromCache).toBe(false);

    const storage = await app.acquireTokenSilent({
      account: account!,
      scopes: ["https://storage.azure.com/.default"],
    });
    expect(decodePayload(storage.accessToken).aud).toBe("https://storage.azure.com");

    // MSAL matches cached tokens on the account's tenant, so a guest token needs a network call.
    const guest = await app.acquireTokenSilent({
      account: account!,
      scopes: ["User.Read"],
      authority: authority.authorityUrl(defaultGuestTenantId),
      forceRefresh: true,
    });
    const guestProfile = authority
      .getUser(defaultUsername)!
      .tenants.find((profile) => profile.tenantId === defaultGuestTenantId)!;
    expect(decodePayload(guest.accessToken)).toMatchObject({
      tid: defaultGuestTenantId,
      oid: guestProfile.objectId,
    });
    expect(guest.account?.homeAccountId).toBe(account?.homeAccountId);
    expect(authority.countRequests({ grantType: "refresh_token" })).toBe(3);
  });

  it("acquireTokenByRefreshToken redeems a refresh token it was given", async () => {
    const code = authority.mintCode({
      username: defaultUsername,
      scopes: "User.Read openid profile offline_access",
    });
    const redeemed = await postToken(authority, {
      grant_type: "authorization_code",
      client_id: defaultPublicClientId,
      code,
      redirect_uri: publicRedirectUri,
    });
    const refreshToken = redeemed.json<TokenBody>().refresh_token!;
    const result = await publicApp().acquireTokenByRefreshToken({
      refreshToken,
      scopes: ["https://vault.azure.net/.default"],
    });
    expect(result).not.toBeNull();
    expect(decodePayload(result!.accessToken).aud).toBe("https://vault.azure.net");
    expect(result!.account?.username).toBe(defaultUsername);
  });

  it("lets another FOCI family client redeem the family refresh token", async () => {
    const code = authority.mintCode({
      username: defaultUsername,
      scopes: "User.Read openid profile offline_access",
    });
    const redeemed = await postToken(authority, {
      grant_type: "authorization_code",
      client_id: defaultPublicClientId,
      code,
      redirect_uri: publicRedirectUri,
    });
    const cliTokens = redeemed.json<TokenBody>();
    expect(cliTokens.foci).toBe("1");
    const powershell = publicApp(defaultFamilyClientId);
    const result = await powershell.acquireTokenByRefreshToken({
      refreshToken: cliTokens.refresh_token!,
      scopes: ["https://storage.azure.com/.default"],
    });
    expect(decodePayload(result!.accessToken)).toMatchObject({
      appid: defaultFamilyClientId,
      aud: "https://storage.azure.com",
    });
    expect(authority.requestLog({ grantType: "refresh_token" }).at(-1)).toMatchObject({
      clientId: defaultFamilyClientId,
      status: 200,
    });
  });

  it("surfaces a CAE revocation as InteractionRequiredAuthError with the claims challenge", async () => {
    const app = publicApp(defaultPublicClientId, ["cp1"]);
    const { account, accessToken } = await signInWithMsal(app, ["User.Read"]);
    expect(decodePayload(accessToken).xms_cc).toEqual(["cp1"]);
    const challenge = authority.revokeSessions(defaultUsername);
    const error = await app
      .acquireTokenSilent({
        account: account as AccountInfo,
        scopes: ["User.Read"],
        forceRefresh: true,
      })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(InteractionRequiredAuthError);
    expect(error).toMatchObject({ errorCode: "interaction_required", claims: challenge });
  });
});

describe("@azure/msal-node ConfidentialClientApplication", () => {
  it("redeems a code with a client secret", async () => {
    const app = new ConfidentialClientApplication({
      auth: {
        clientId: defaultWebAppClientId,
        clientSecret: defaultWebAppSecret,
        authority: authority.authorityUrl(),
        knownAuthorities: [authority.host],
      },
      system: { networkClient: createMsalNetworkModule(authority.caPem) },
    });
    const code = authority.mintCode({
      username: defaultUsername,
      clientId: defaultWebAppClientId,
      scopes: "User.Read openid profile offline_access",
      redirectUri: defaultWebAppRedirectUri,
    });
    const result = await app.acquireTokenByCode({
      code,
      scopes: ["User.Read"],
      redirectUri: defaultWebAppRedirectUri,
    });
    expect(decodePayload(result.accessToken).appidacr).toBe("1");
    const refreshed = await app.acquireTokenSilent({
      account: result.account!,
      scopes: ["User.Read"],
      forceRefresh: true,
    });
    expect(refreshed.accessToken).not.toBe(result.accessToken);
  });

  it("redeems a code with a certificate (PS256 client assertion, x5t#S256)", async () => {
    const certificate = await createSelfSignedCertificate({
      keyType: "rsa",
      isCertificateAuthority: false,
      ipAddresses: [],
      dnsNames: [],
    });
    const clientId = "33333333-4444-4555-8666-777777777777";
    authority.registerApp({
      clientId,
      certificates: [certificate.certPem],
      redirectUris: ["https://app.test/cb"],
    });
    const app = new ConfidentialClientApplication({
      auth: {
        clientId,
        clientCertificate: {
          thumbprintSha256: certificate.thumbprintSha256,
          privateKey: certificate.keyPem,
        },
        authority: authority.authorityUrl("contoso.test"),
        knownAuthorities: [authority.host],
      },
      system: { networkClient: createMsalNetworkModule(authority.caPem) },
    });
    const code = authority.mintCode({
      username: defaultUsername,
      clientId,
      scopes: "https://storage.azure.com/.default openid offline_access",
    });
    const result = await app.acquireTokenByCode({
      code,
      scopes: ["https://storage.azure.com/.default"],
      redirectUri: "https://app.test/cb",
    });
    expect(decodePayload(result.accessToken)).toMatchObject({
      appidacr: "2",
      aud: "https://storage.azure.com",
      tid: defaultTenantId,
    });
  });
});
