// An app registration: how the client authenticates, where it may redirect, and its FOCI family.
// Secrets are kept only as SHA-256 digests; certificates only as public keys and thumbprints.
import { createHash, type KeyObject, timingSafeEqual, X509Certificate } from "node:crypto";
import { toPublicKey } from "./jwt.js";
import type { TokenLifetimes } from "./token-lifetimes.js";
import { validateLifetimes } from "./token-lifetimes.js";

/** An application the authority accepts as `client_id`. */
export interface AppRegistration {
  /** Application (client) id. Any non-empty string; Entra uses GUIDs. */
  clientId: string;
  /**
   * Name shown on the sign-in page.
   * @defaultValue the client id
   */
  displayName?: string;
  /** Client secret; makes the app confidential. */
  clientSecret?: string;
  /**
   * Certificates (PEM) or public keys (PEM or `KeyObject`) accepted for `client_assertion`;
   * makes the app confidential.
   */
  certificates?: readonly (string | KeyObject)[];
  /**
   * Registered redirect URIs. An `http://localhost` / `http://127.0.0.1` URI matches any port,
   * as Entra allows for loopback.
   * @defaultValue `[]`
   */
  redirectUris?: readonly string[];
  /**
   * Public client (no secret, no certificate). Setting it with a credential is an error.
   * @defaultValue `true` when neither `clientSecret` nor `certificates` is given
   */
  isPublicClient?: boolean;
  /** FOCI family id (`"1"` for Microsoft first-party apps): family members share refresh tokens. */
  familyId?: string;
  /** Token lifetimes for this app, over the global ones. */
  lifetimes?: TokenLifetimes;
}

/** @internal A certificate credential. */
export interface AppCredential {
  readonly publicKey: KeyObject;
  /** base64url SHA-1 / SHA-256 of the certificate DER, as in the `x5t` / `x5t#S256` headers. */
  readonly x5t?: string;
  readonly x5tS256?: string;
}

/** @internal */
export interface RegisteredApp {
  readonly clientId: string;
  readonly displayName: string;
  readonly secretDigest: Buffer | undefined;
  readonly credentials: readonly AppCredential[];
  readonly redirectUris: readonly string[];
  readonly isPublicClient: boolean;
  readonly familyId: string | undefined;
  readonly lifetimes: TokenLifetimes | undefined;
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** @internal Constant-time check of a presented secret. */
export function secretMatches(app: RegisteredApp, presented: string): boolean {
  return app.secretDigest !== undefined && timingSafeEqual(app.secretDigest, digest(presented));
}

function toCredential(value: string | KeyObject, option: string): AppCredential {
  try {
    if (typeof value === "string" && value.includes("BEGIN CERTIFICATE")) {
      const certificate = new X509Certificate(value);
      return {
        publicKey: certificate.publicKey,
        x5t: createHash("sha1").update(certificate.raw).digest("base64url"),
        x5tS256: createHash("sha256").update(certificate.raw).digest("base64url"),
      };
    }
    return { publicKey: toPublicKey(value) };
  } catch (cause) {
    throw new TypeError(`${option} must hold certificate PEMs, public key PEMs or KeyObjects.`, {
      cause,
    });
  }
}

/**
 * @internal Validates an app registration.
 * @throws `TypeError` naming the field that is wrong.
 */
export function normalizeApp(registration: AppRegistration, option: string): RegisteredApp {
  if (typeof registration !== "object" || registration === null) {
    throw new TypeError(`${option} must be an object with a clientId.`);
  }
  const { clientId, clientSecret } = registration;
  if (typeof clientId !== "string" || clientId.trim() === "" || /\s/.test(clientId)) {
    throw new TypeError(`${option}.clientId must be a non-empty string without whitespace.`);
  }
  if (clientSecret !== undefined && (typeof clientSecret !== "string" || clientSecret === "")) {
    throw new TypeError(`${option}.clientSecret must be a non-empty string when set.`);
  }
  const credentials = (registration.certificates ?? []).map((value) =>
    toCredential(value, `${option}.certificates`),
  );
  const hasCredential = clientSecret !== undefined || credentials.length > 0;
  if (registration.isPublicClient === true && hasCredential) {
    throw new TypeError(
      `${option}.isPublicClient cannot be true for an app with a secret or certificate.`,
    );
  }
  const redirectUris = [...(registration.redirectUris ?? [])];
  for (const uri of redirectUris) {
    if (typeof uri !== "string" || !URL.canParse(uri)) {
      throw new TypeError(`${option}.redirectUris must hold absolute URIs.`);
    }
  }
  if (registration.familyId !== undefined && typeof registration.familyId !== "string") {
    throw new TypeError(`${option}.familyId must be a string such as "1".`);
  }
  return {
    clientId,
    displayName: registration.displayName ?? clientId,
    secretDigest: clientSecret === undefined ? undefined : digest(clientSecret),
    credentials,
    redirectUris,
    isPublicClient: registration.isPublicClient ?? !hasCredential,
    familyId: registration.familyId,
    lifetimes:
      registration.lifetimes === undefined
        ? undefined
        : validateLifetimes(registration.lifetimes, `${option}.lifetimes`),
  };
}

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** @internal Entra's redirect URI rule: exact match, except that loopback ignores the port. */
export function redirectUriMatches(app: RegisteredApp, requested: string): boolean {
  return app.redirectUris.some((registered) => {
    if (registered === requested) return true;
    if (!URL.canParse(registered) || !URL.canParse(requested)) return false;
    const a = new URL(registered);
    const b = new URL(requested);
    return (
      a.protocol === "http:" &&
      b.protocol === "http:" &&
      loopbackHosts.has(a.hostname) &&
      a.hostname === b.hostname &&
      a.pathname === b.pathname &&
      a.search === b.search
    );
  });
}
