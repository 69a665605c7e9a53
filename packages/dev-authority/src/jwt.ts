// Compact JWS signing and verification for the algorithms Entra and MSAL use (RS256, PS256).
// No claim validation here: callers decide what an expired or foreign token means for them.
import { constants, createPublicKey, type KeyObject, sign, verify } from "node:crypto";

/** A JWT split into its parts; `signature` is not checked by {@link decodeJwt}. */
export interface DecodedJwt {
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
  readonly signingInput: string;
  readonly signature: Buffer;
}

function encodePart(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/** Signs a JWT with RS256. */
export function signJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  privateKey: KeyObject,
): string {
  const signingInput = `${encodePart({ typ: "JWT", alg: "RS256", ...header })}.${encodePart(payload)}`;
  const signature = sign("sha256", Buffer.from(signingInput), privateKey);
  return `${signingInput}.${signature.toString("base64url")}`;
}

/** Splits and parses a JWT; `undefined` when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const [headerPart = "", payloadPart = "", signaturePart = ""] = parts;
  try {
    const header: unknown = JSON.parse(Buffer.from(headerPart, "base64url").toString("utf8"));
    const payload: unknown = JSON.parse(Buffer.from(payloadPart, "base64url").toString("utf8"));
    if (!isRecord(header) || !isRecord(payload)) return undefined;
    return {
      header,
      payload,
      signingInput: `${headerPart}.${payloadPart}`,
      signature: Buffer.from(signaturePart, "base64url"),
    };
  } catch {
    return undefined;
  }
}

/** Verifies an RS256 or PS256 signature; any other `alg` fails. */
export function verifyJwtSignature(jwt: DecodedJwt, publicKey: KeyObject): boolean {
  const data = Buffer.from(jwt.signingInput);
  try {
    if (jwt.header.alg === "RS256") return verify("sha256", data, publicKey, jwt.signature);
    if (jwt.header.alg === "PS256") {
      return verify(
        "sha256",
        data,
        { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
        jwt.signature,
      );
    }
  } catch {
    return false;
  }
  return false;
}

/** Public key from a certificate PEM, an SPKI PEM, or a key object. */
export function toPublicKey(key: string | KeyObject): KeyObject {
  if (typeof key !== "string") return key.type === "private" ? createPublicKey(key) : key;
  return createPublicKey(key);
}

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
