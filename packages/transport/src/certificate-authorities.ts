// Builds the TLS trust store once per network module: Node's default roots plus the caller's
// extra CAs. Verification is never switched off; there is deliberately no option for it.
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import * as tls from "node:tls";
import { InvalidArgumentError } from "@entrakit/core";
import { component } from "./logger.js";

/** Extra certificate authorities in PEM form. */
export type CertificateAuthorities = string | Buffer | ReadonlyArray<string | Buffer>;

type CaCertificateReader = (store: "default") => string[];

/**
 * The secure context for requests, or `undefined` when no extra CA was given (Node then uses its
 * default store, which already holds `NODE_EXTRA_CA_CERTS`).
 *
 * @throws InvalidArgumentError when an entry of `ca` is not PEM certificates.
 */
export function createTrustStore(
  ca: CertificateAuthorities | undefined,
  env: Record<string, string | undefined>,
): tls.SecureContext | undefined {
  const certificates = trustedCertificates(ca, env);
  return certificates === undefined ? undefined : tls.createSecureContext({ ca: certificates });
}

/**
 * Every certificate the trust store holds: Node's defaults (with `NODE_EXTRA_CA_CERTS`) followed
 * by `ca`; `undefined` when `ca` adds nothing.
 */
export function trustedCertificates(
  ca: CertificateAuthorities | undefined,
  env: Record<string, string | undefined>,
): Array<string | Buffer> | undefined {
  if (ca === undefined) return undefined;
  const extra = (typeof ca === "string" || Buffer.isBuffer(ca) ? [ca] : [...ca]).filter(
    (entry) => entry.length > 0,
  );
  if (extra.length === 0) return undefined;
  extra.forEach(checkPem);
  return [...defaultCertificates(env), ...extra];
}

// Passing `ca` replaces Node's trust store, so the default roots are added back. Node 20 has
// no API that includes NODE_EXTRA_CA_CERTS in that list, so the file is read here as Node itself
// reads it at startup; newer Node versions expose the complete store directly.
function defaultCertificates(env: Record<string, string | undefined>): string[] {
  const newer = tls as { getCACertificates?: CaCertificateReader };
  if (typeof newer.getCACertificates === "function") return newer.getCACertificates("default");
  const extraFile = env.NODE_EXTRA_CA_CERTS;
  if (extraFile === undefined || extraFile === "") return [...tls.rootCertificates];
  try {
    return [...tls.rootCertificates, readFileSync(extraFile, "utf8")];
  } catch {
    // Node warns about an unreadable NODE_EXTRA_CA_CERTS file at startup; nothing to add here.
    return [...tls.rootCertificates];
  }
}

const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

// Node's TLS silently skips what it cannot parse, which would turn a wrong `ca` into a
// confusing "self-signed certificate" failure at the first request; say so here instead.
function checkPem(entry: string | Buffer, index: number): void {
  const blocks = entry.toString("latin1").match(pemBlock) ?? [];
  const valid =
    blocks.length > 0 &&
    blocks.every((block) => {
      try {
        new X509Certificate(block);
        return true;
      } catch {
        return false;
      }
    });
  if (!valid) {
    throw new InvalidArgumentError(
      `${component}: entry ${index} of the ca option is not a PEM certificate. Pass the CA certificate as PEM text ("-----BEGIN CERTIFICATE-----...") or a Buffer of it.`,
      "invalid_option",
    );
  }
}
