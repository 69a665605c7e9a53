import {
  constants,
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  type KeyObject,
  randomUUID,
  sign,
  X509Certificate,
} from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSelfSignedCertificate,
  type DevAuthority,
  defaultUsername,
  type SelfSignedCertificate,
  startDevAuthority,
} from "../src/index.js";
import {
  decodePayload,
  type ErrorBody,
  postToken,
  type TokenBody,
  tokenEndpoint,
} from "./helpers/authority-helpers.js";

const clientId = "11111111-2222-4333-8444-555555555555";
const redirectUri = "https://app.test/callback";
let authority: DevAuthority;
let certificate: SelfSignedCertificate;
const bareKeys = generateKeyPairSync("rsa", { modulusLength: 2048 });

beforeAll(async () => {
  certificate = await createSelfSignedCertificate({
    keyType: "rsa",
    isCertificateAuthority: false,
    ipAddresses: [],
    dnsNames: [],
  });
  authority = await startDevAuthority({
    apps: [
      { clientId, certificates: [certificate.certPem], redirectUris: [redirectUri] },
      { clientId: "bare-key-app", certificates: [bareKeys.publicKey], redirectUris: [redirectUri] },
    ],
  });
});
afterAll(() => authority.close());

function assertion(options: {
  key?: KeyObject;
  alg?: "RS256" | "PS256";
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  issuer?: string;
}): string {
  const alg = options.alg ?? "RS256";
  const der = new X509Certificate(certificate.certPem).raw;
  const thumbprint =
    alg === "PS256"
      ? { "x5t#S256": createHash("sha256").update(der).digest("base64url") }
      : { x5t: createHash("sha1").update(der).digest("base64url") };
  const now = Math.floor(Date.now() / 1000);
  const issuer = options.issuer ?? clientId;
  const header = { alg, typ: "JWT", ...thumbprint, ...options.header };
  const payload = {
    aud: tokenEndpoint(authority),
    iss: issuer,
    sub: issuer,
    jti: randomUUID(),
    nbf: now,
    exp: now + 600,
    ...options.claims,
  };
  const input = `${Buffer.from(JSON.stringify(header)).toString("base64url")}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  const key = options.key ?? createPrivateKey(certificate.keyPem);
  const signature =
    alg === "PS256"
      ? sign("sha256", Buffer.from(input), {
          key,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: 32,
        })
      : sign("sha256", Buffer.from(input), key);
  return `${input}.${signature.toString("base64url")}`;
}

async function redeemWith(clientAssertion: string, app = clientId) {
  const code = authority.mintCode({
    username: defaultUsername,
    clientId: app,
    scopes: "User.Read openid",
    redirectUri,
  });
  return postToken(authority, {
    grant_type: "authorization_code",
    client_id: app,
    code,
    redirect_uri: redirectUri,
    scope: "User.Read openid",
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: clientAssertion,
  });
}

function expectClientError(body: ErrorBody, code: number) {
  expect(body.error).toBe("invalid_client");
  expect(body.error_codes).toEqual([code]);
}

describe("client_assertion (private_key_jwt)", () => {
  it("accepts RS256 with x5t and PS256 with x5t#S256 (appidacr 2)", async () => {
    for (const alg of ["RS256", "PS256"] as const) {
      const response = await redeemWith(assertion({ alg }));
      expect(response.status).toBe(200);
      expect(decodePayload(response.json<TokenBody>().access_token).appidacr).toBe("2");
    }
  });

  it("accepts a key registered without a certificate", async () => {
    const response = await redeemWith(
      assertion({ key: bareKeys.privateKey, header: { x5t: undefined }, issuer: "bare-key-app" }),
      "bare-key-app",
    );
    expect(response.status).toBe(200);
  });

  it("refuses a signature by another key (AADSTS700027)", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const response = await redeemWith(assertion({ key: other.privateKey }));
    expect(response.status).toBe(401);
    expectClientError(response.json<ErrorBody>(), 700027);
  });

  it("refuses an unknown thumbprint (AADSTS700027)", async () => {
    expectClientError(
      (await redeemWith(assertion({ header: { x5t: "AAAA" } }))).json<ErrorBody>(),
      700027,
    );
  });

  it("refuses an expired assertion (AADSTS700024)", async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    expectClientError(
      (await redeemWith(assertion({ claims: { exp: past, nbf: past - 600 } }))).json<ErrorBody>(),
      700024,
    );
  });

  it("refuses an assertion for another client (AADSTS700021) or audience (AADSTS50027)", async () => {
    expectClientError(
      (await redeemWith(assertion({ issuer: "someone-else" }))).json<ErrorBody>(),
      700021,
    );
    expectClientError(
      (
        await redeemWith(assertion({ claims: { aud: "https://login.example.test/token" } }))
      ).json<ErrorBody>(),
      50027,
    );
    expectClientError((await redeemWith("not.a.jwt")).json<ErrorBody>(), 50027);
  });
});
