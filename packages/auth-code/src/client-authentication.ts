import { createPrivateKey, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";

/**
 * How a confidential client proves who it is: a certificate whose private key signs an
 * assertion (Entra's recommended way, no shared secret on the wire).
 */
export interface ClientCertificateOptions {
  /** PEM text holding the certificate and its private key (PKCS#8 or PKCS#1). */
  certificate?: string;
  /** A path to such a PEM file, read once at construction. */
  certificatePath?: string;
  /**
   * Send the certificate chain (`x5c`) for subject-name/issuer authentication.
   * @defaultValue false
   */
  sendCertificateChain?: boolean;
}

/** The MSAL `auth` fields a client credential turns into. */
export interface MsalClientAuth {
  clientSecret?: string;
  clientCertificate?: { thumbprintSha256: string; privateKey: string; x5c?: string };
  clientAssertion?: () => Promise<string>;
}

/** What the credential was given to authenticate itself, if anything. */
export interface ClientAuthenticationInput {
  clientSecret?: string;
  clientCertificate?: ClientCertificateOptions;
  getClientAssertion?: () => Promise<string>;
}

/**
 * Turns the credential's client authentication into MSAL's shape, or `undefined` for a public
 * client. At most one way may be given.
 *
 * @throws TypeError naming the option when two are given, or the certificate cannot be read.
 */
export function toMsalClientAuth(input: ClientAuthenticationInput): MsalClientAuth | undefined {
  const given = [
    input.clientSecret !== undefined ? "clientSecret" : undefined,
    input.clientCertificate !== undefined ? "clientCertificate" : undefined,
    input.getClientAssertion !== undefined ? "getClientAssertion" : undefined,
  ].filter((name) => name !== undefined);
  if (given.length > 1) {
    throw new TypeError(
      `AuthorizationCodeCredential: ${given.join(" and ")} were both given. Pass exactly one way for the app to authenticate itself.`,
    );
  }
  if (input.clientSecret !== undefined) {
    if (typeof input.clientSecret !== "string" || input.clientSecret === "") {
      throw new TypeError(
        "AuthorizationCodeCredential: clientSecret is empty. Pass the app's client secret, or use the constructor without one for a public client.",
      );
    }
    return { clientSecret: input.clientSecret };
  }
  if (input.getClientAssertion !== undefined) {
    if (typeof input.getClientAssertion !== "function") {
      throw new TypeError(
        "AuthorizationCodeCredential: getClientAssertion is not a function. Pass an async function that returns a signed client assertion JWT.",
      );
    }
    return { clientAssertion: input.getClientAssertion };
  }
  if (input.clientCertificate !== undefined)
    return { clientCertificate: readCertificate(input.clientCertificate) };
  return undefined;
}

function readCertificate(
  options: ClientCertificateOptions,
): NonNullable<MsalClientAuth["clientCertificate"]> {
  let pem = options.certificate;
  if (pem === undefined && options.certificatePath !== undefined) {
    try {
      pem = readFileSync(options.certificatePath, "utf8");
    } catch (error) {
      throw new TypeError(
        `AuthorizationCodeCredential: clientCertificate.certificatePath "${options.certificatePath}" cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}). Check the path and its permissions.`,
      );
    }
  }
  if (pem === undefined) {
    throw new TypeError(
      "AuthorizationCodeCredential: clientCertificate has neither certificate nor certificatePath. Pass the PEM text or a path to it.",
    );
  }
  const certificates =
    pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const keyMatch =
    /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(
      pem,
    );
  const first = certificates[0];
  if (first === undefined || keyMatch === null) {
    throw new TypeError(
      "AuthorizationCodeCredential: clientCertificate must hold a certificate and its unencrypted private key in PEM form. Export both into one PEM file.",
    );
  }
  let thumbprintSha256: string;
  let privateKey: string;
  try {
    thumbprintSha256 = new X509Certificate(first).fingerprint256.replace(/:/g, "");
    // MSAL signs with a PKCS#8 key; normalise PKCS#1 ("BEGIN RSA PRIVATE KEY") to it.
    privateKey = createPrivateKey(keyMatch[0]).export({ format: "pem", type: "pkcs8" }).toString();
  } catch {
    throw new TypeError(
      "AuthorizationCodeCredential: clientCertificate holds a certificate or key Node cannot read. Check the PEM file is intact and the key is not encrypted.",
    );
  }
  const result: NonNullable<MsalClientAuth["clientCertificate"]> = { thumbprintSha256, privateKey };
  if (options.sendCertificateChain) result.x5c = certificates.join("\n");
  return result;
}
