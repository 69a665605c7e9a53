// Builds self-signed X.509 v3 certificates with node:crypto and our DER encoder, so the
// authority needs no certificate tooling or dependency. It does not build chains or CSRs.
import { createHash, generateKeyPair, type KeyObject, randomBytes, sign } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import { promisify } from "node:util";
import {
  derBitString,
  derBoolean,
  derExplicit,
  derImplicit,
  derInteger,
  derNull,
  derOctetString,
  derOid,
  derSequence,
  derSet,
  derTime,
  derUtf8String,
} from "./der.js";

const generateKeyPairAsync = promisify(generateKeyPair);

/** Options for {@link createSelfSignedCertificate}. */
export interface SelfSignedCertificateOptions {
  /**
   * Subject and issuer common name.
   * @defaultValue `"entrakit dev authority"`
   */
  commonName?: string;
  /**
   * Key algorithm: EC P-256 (fast to generate) or RSA 2048 (what Entra app certificates use).
   * @defaultValue `"ec"`
   */
  keyType?: "ec" | "rsa";
  /**
   * IPv4/IPv6 addresses for the subject alternative name.
   * @defaultValue `["127.0.0.1"]`
   */
  ipAddresses?: readonly string[];
  /**
   * DNS names for the subject alternative name.
   * @defaultValue `["localhost"]`
   */
  dnsNames?: readonly string[];
  /**
   * Validity in days, starting one hour in the past to absorb clock skew.
   * @defaultValue `365`
   */
  validDays?: number;
  /**
   * Marks the certificate `CA:TRUE`, so the same PEM serves as its own CA file.
   * @defaultValue `true`
   */
  isCertificateAuthority?: boolean;
}

/** A certificate and its private key, both PEM, with the thumbprints MSAL asks for. */
export interface SelfSignedCertificate {
  /** The certificate, PEM (`-----BEGIN CERTIFICATE-----`). */
  readonly certPem: string;
  /** The private key, PKCS#8 PEM. */
  readonly keyPem: string;
  /** SHA-1 thumbprint, upper-case hex (MSAL's `clientCertificate.thumbprint`). */
  readonly thumbprint: string;
  /** SHA-256 thumbprint, upper-case hex (MSAL's `clientCertificate.thumbprintSha256`). */
  readonly thumbprintSha256: string;
}

/** @internal The certificate as DER plus its key objects, for in-process use. */
export interface BuiltCertificate {
  readonly der: Buffer;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

const oids = {
  commonName: "2.5.4.3",
  organization: "2.5.4.10",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  sha256WithRsa: "1.2.840.113549.1.1.11",
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectAltName: "2.5.29.17",
  subjectKeyIdentifier: "2.5.29.14",
  authorityKeyIdentifier: "2.5.29.35",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
};

/**
 * Creates a self-signed X.509 v3 certificate (no dependency beyond node:crypto).
 *
 * @remarks With the defaults it is a TLS server certificate for `127.0.0.1` and `localhost` that is
 * also a CA, so Node accepts it as `ca` or through `NODE_EXTRA_CA_CERTS`. With `keyType: "rsa"` it
 * doubles as an app's client certificate for `client_assertion` tests.
 * @throws `TypeError` when an IP address is not a valid IPv4/IPv6 literal or a name is empty.
 * @throws `RangeError` when `validDays` is not a positive number.
 * @example
 * ```ts
 * const { certPem, keyPem, thumbprintSha256 } = await createSelfSignedCertificate({ keyType: "rsa" });
 * ```
 */
export async function createSelfSignedCertificate(
  options: SelfSignedCertificateOptions = {},
): Promise<SelfSignedCertificate> {
  const built = await buildSelfSignedCertificate(options);
  const certPem = toPem(built.der);
  return {
    certPem,
    keyPem: built.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    thumbprint: createHash("sha1").update(built.der).digest("hex").toUpperCase(),
    thumbprintSha256: createHash("sha256").update(built.der).digest("hex").toUpperCase(),
  };
}

/** @internal Builds the certificate and keeps the key objects. */
export async function buildSelfSignedCertificate(
  options: SelfSignedCertificateOptions = {},
): Promise<BuiltCertificate> {
  const commonName = options.commonName ?? "entrakit dev authority";
  const ipAddresses = options.ipAddresses ?? ["127.0.0.1"];
  const dnsNames = options.dnsNames ?? ["localhost"];
  const validDays = options.validDays ?? 365;
  if (typeof commonName !== "string" || commonName.length === 0) {
    throw new TypeError("createSelfSignedCertificate: commonName must be a non-empty string.");
  }
  if (!Number.isFinite(validDays) || validDays <= 0) {
    throw new RangeError("createSelfSignedCertificate: validDays must be a positive number.");
  }
  const ipBytes = ipAddresses.map(encodeIp);
  for (const name of dnsNames) {
    if (typeof name !== "string" || name.length === 0) {
      throw new TypeError("createSelfSignedCertificate: dnsNames must hold non-empty strings.");
    }
  }

  const keyType = options.keyType ?? "ec";
  const { privateKey, publicKey } =
    keyType === "rsa"
      ? await generateKeyPairAsync("rsa", { modulusLength: 2048 })
      : await generateKeyPairAsync("ec", { namedCurve: "P-256" });
  const spki = publicKey.export({ type: "spki", format: "der" });
  const keyId = createHash("sha1").update(spki).digest();
  const signatureAlgorithm =
    keyType === "rsa"
      ? derSequence(derOid(oids.sha256WithRsa), derNull())
      : derSequence(derOid(oids.ecdsaWithSha256));

  const now = Date.now();
  const name = derSequence(
    derSet(derSequence(derOid(oids.organization), derUtf8String("entrakit"))),
    derSet(derSequence(derOid(oids.commonName), derUtf8String(commonName))),
  );
  const isCa = options.isCertificateAuthority ?? true;
  const extensions = [
    extension(oids.basicConstraints, true, isCa ? derSequence(derBoolean(true)) : derSequence()),
    // digitalSignature | keyCertSign | cRLSign for a CA, digitalSignature alone otherwise.
    extension(oids.keyUsage, true, isCa ? derBitString(Buffer.from([0x86]), 1) : keyUsageLeaf()),
    extension(
      oids.extKeyUsage,
      false,
      derSequence(derOid(oids.serverAuth), derOid(oids.clientAuth)),
    ),
    extension(oids.subjectKeyIdentifier, false, derOctetString(keyId)),
    extension(oids.authorityKeyIdentifier, false, derSequence(derImplicit(0, keyId))),
  ];
  if (ipBytes.length + dnsNames.length > 0) {
    const generalNames = [
      ...dnsNames.map((dns) => derImplicit(2, Buffer.from(dns, "ascii"))),
      ...ipBytes.map((ip) => derImplicit(7, ip)),
    ];
    extensions.push(extension(oids.subjectAltName, false, derSequence(...generalNames)));
  }

  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 1) & 0x7f) | 0x01;
  const tbs = derSequence(
    derExplicit(0, derInteger(2)),
    derInteger(serial),
    signatureAlgorithm,
    name,
    derSequence(
      derTime(new Date(now - 3_600_000)),
      derTime(new Date(now + validDays * 86_400_000)),
    ),
    name,
    spki,
    derExplicit(3, derSequence(...extensions)),
  );
  const signature = sign("sha256", tbs, privateKey);
  const der = derSequence(tbs, signatureAlgorithm, derBitString(signature));
  return { der, privateKey, publicKey };
}

/** PEM armour for a DER certificate. */
function toPem(der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

function keyUsageLeaf(): Buffer {
  return derBitString(Buffer.from([0x80]), 7);
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  // DER forbids encoding a DEFAULT value, so a non-critical extension omits the flag.
  return critical
    ? derSequence(derOid(oid), derBoolean(true), derOctetString(value))
    : derSequence(derOid(oid), derOctetString(value));
}

function encodeIp(address: string): Buffer {
  if (isIPv4(address)) return Buffer.from(address.split(".").map(Number));
  if (isIPv6(address)) return encodeIpv6(address);
  throw new TypeError(
    `createSelfSignedCertificate: ipAddresses holds '${String(address)}', which is not an IP address.`,
  );
}

function encodeIpv6(address: string): Buffer {
  const [head = "", tail] = address.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [
    ...headGroups,
    ...Array<string>(tail === undefined ? 0 : missing).fill("0"),
    ...tailGroups,
  ];
  const bytes = Buffer.alloc(16);
  for (const [index, group] of groups.entries()) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) {
      throw new TypeError(
        `createSelfSignedCertificate: ipAddresses holds '${address}', which this encoder does not support.`,
      );
    }
    bytes.writeUInt16BE(Number.parseInt(group, 16), index * 2);
  }
  return bytes;
}
