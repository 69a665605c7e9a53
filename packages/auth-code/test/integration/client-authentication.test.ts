import { createHash, createPrivateKey, createSign, randomUUID, X509Certificate } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isAuthenticationError } from "@entrakit/core";
import {
  createSelfSignedCertificate,
  defaultTenantId,
  defaultUsername,
  type SelfSignedCertificate,
} from "@entrakit/dev-authority";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthorizationCodeCredential } from "../../src/authorization-code-credential";
import type { AuthorizationCodeCredentialOptions } from "../../src/authorization-code-credential-options";
import {
  type AuthorityFixture,
  claimsOf,
  rejectionOf,
  startAuthorityFixture,
  vaultScope,
} from "../helpers/dev-authority";

const redirectUri = "https://app.example.test/auth/callback";
const clientId = randomUUID();
let fixture: AuthorityFixture;
let certificate: SelfSignedCertificate;
let directory: string;

beforeAll(async () => {
  [fixture, certificate, directory] = await Promise.all([
    startAuthorityFixture(),
    createSelfSignedCertificate({
      keyType: "rsa",
      commonName: "entrakit test app",
      isCertificateAuthority: false,
    }),
    mkdtemp(join(tmpdir(), "entrakit-auth-code-")),
  ]);
  // An app that authenticates with this certificate only: it has no secret.
  fixture.authority.registerApp({
    clientId,
    displayName: "certificate app",
    certificates: [certificate.certPem],
    redirectUris: [redirectUri],
  });
});
afterAll(async () => {
  await Promise.all([fixture?.close(), rm(directory, { recursive: true, force: true })]);
});
beforeEach(() => {
  fixture.authority.clearRequestLog();
});

function credentialWith(auth: AuthorizationCodeCredentialOptions): AuthorizationCodeCredential {
  const code = fixture.mintWebAppCode({ clientId, redirectUri });
  return new AuthorizationCodeCredential(defaultTenantId, clientId, code, redirectUri, {
    ...fixture.options(),
    ...auth,
  });
}

/** A client assertion (RFC 7523) signed with the app's certificate key. */
function signAssertion(audience: string): string {
  const der = new X509Certificate(certificate.certPem).raw;
  const header = {
    alg: "RS256",
    typ: "JWT",
    "x5t#S256": createHash("sha256").update(der).digest("base64url"),
  };
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: clientId,
    sub: clientId,
    aud: audience,
    jti: randomUUID(),
    nbf: now,
    exp: now + 600,
  };
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode(header)}.${encode(payload)}`;
  const signature = createSign("RSA-SHA256").update(unsigned).sign(certificate.keyPem, "base64url");
  return `${unsigned}.${signature}`;
}

describe("client authentication without a secret", () => {
  it("a certificate given as PEM text signs a client assertion the authority accepts", async () => {
    const credential = credentialWith({
      clientCertificate: { certificate: `${certificate.certPem}\n${certificate.keyPem}` },
    });
    const token = await credential.getToken(vaultScope);

    expect(claimsOf(token.token)).toMatchObject({
      appid: clientId,
      appidacr: "2",
      upn: defaultUsername,
    });
    const [entry] = fixture.authority.requestLog({ grantType: "authorization_code" });
    expect(entry?.params).toMatchObject({
      client_assertion: "[redacted]",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    });
    expect(entry?.params.client_secret).toBeUndefined();
    await credential.close();
  });

  it("a certificate file with a PKCS#1 key, sending the chain, works too", async () => {
    const pkcs1 = createPrivateKey(certificate.keyPem).export({ format: "pem", type: "pkcs1" });
    const path = join(directory, "app.pem");
    await writeFile(path, `${pkcs1.toString()}${certificate.certPem}`, { mode: 0o600 });
    const credential = credentialWith({
      clientCertificate: { certificatePath: path, sendCertificateChain: true },
    });

    expect(claimsOf((await credential.getToken(vaultScope)).token).appidacr).toBe("2");
    await credential.close();
  });

  it("getClientAssertion is called for the redemption and the refresh", async () => {
    const audiences: string[] = [];
    const credential = credentialWith({
      getClientAssertion: async () => {
        const audience = `${fixture.authority.url}/${defaultTenantId}/oauth2/v2.0/token`;
        audiences.push(audience);
        return signAssertion(audience);
      },
    });
    await credential.getToken(vaultScope);
    const storage = await credential.getToken("https://storage.azure.com/.default");

    expect(claimsOf(storage.token).appidacr).toBe("2");
    expect(audiences.length).toBeGreaterThanOrEqual(2);
    expect(fixture.codeRedemptions()).toBe(1);
    await credential.close();
  });

  it("a certificate the app does not have is refused (AADSTS700027) and the code is not resent", async () => {
    const other = await createSelfSignedCertificate({
      keyType: "rsa",
      isCertificateAuthority: false,
    });
    const credential = credentialWith({
      clientCertificate: { certificate: `${other.certPem}${other.keyPem}` },
    });

    const error = await rejectionOf(credential.getToken(vaultScope));

    expect(isAuthenticationError(error) && error.errorResponse.error).toBe("invalid_client");
    expect((error as Error).message).toContain("AADSTS700027");
    await rejectionOf(credential.getToken(vaultScope));
    expect(fixture.codeRedemptions()).toBe(1);
    await credential.close();
  });

  it("two ways to authenticate at once are a TypeError naming both", () => {
    expect(
      () =>
        new AuthorizationCodeCredential(defaultTenantId, clientId, "secret", "code", redirectUri, {
          clientCertificate: { certificate: certificate.certPem },
        }),
    ).toThrow(/clientSecret and clientCertificate/);
    expect(
      () =>
        new AuthorizationCodeCredential(defaultTenantId, clientId, "code", redirectUri, {
          clientCertificate: { certificate: certificate.certPem },
          getClientAssertion: async () => "assertion",
        }),
    ).toThrow(TypeError);
  });
});
