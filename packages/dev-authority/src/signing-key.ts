// The authority's token-signing key: RSA 2048 with a self-signed certificate, published in the
// JWKS with `kid`/`x5t` = base64url SHA-1 of the certificate, as Entra publishes its keys.
import { createHash, type KeyObject } from "node:crypto";
import { buildSelfSignedCertificate } from "./self-signed-certificate.js";

/** @internal */
export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly kid: string;
  /** The JWK entry for this key, as `/discovery/v2.0/keys` lists it. */
  jwk(issuer: string): Record<string, unknown>;
}

/** @internal Generates a fresh signing key and its certificate. */
export async function createSigningKey(): Promise<SigningKey> {
  const certificate = await buildSelfSignedCertificate({
    keyType: "rsa",
    commonName: "entrakit dev authority token signing",
    ipAddresses: [],
    dnsNames: [],
    isCertificateAuthority: false,
    validDays: 3650,
  });
  const kid = createHash("sha1").update(certificate.der).digest("base64url");
  const { n, e } = certificate.publicKey.export({ format: "jwk" });
  const x5c = certificate.der.toString("base64");
  return {
    privateKey: certificate.privateKey,
    publicKey: certificate.publicKey,
    kid,
    jwk: (issuer) => ({ kty: "RSA", use: "sig", kid, x5t: kid, n, e, x5c: [x5c], issuer }),
  };
}
