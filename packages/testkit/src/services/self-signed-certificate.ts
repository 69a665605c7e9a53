// Throwaway TLS certificates for loopback servers, made with the system's openssl. It owns no
// trust decisions: callers hand `certPem` to the client that should trust it.

import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { InvalidArgumentError } from "@entrakit/core";
import type { GateEnv } from "../gates/service-gate.js";
import { TestkitError } from "../testkit-error.js";
import { probeCommands } from "./find-executable.js";

const run = promisify(execFile);

/** Options of {@link createSelfSignedCertificate}. */
export interface SelfSignedCertificateOptions {
  /** The files' base name: `<name>.pem` and `<name>.key`. @defaultValue `"server"` */
  name?: string;
  /** The subject's common name. @defaultValue `"127.0.0.1"` */
  commonName?: string;
  /** The `subjectAltName` extension, in openssl's syntax. @defaultValue `"IP:127.0.0.1,DNS:localhost"` */
  subjectAltName?: string;
  /** How many days it is valid. @defaultValue 1 */
  days?: number;
}

/** A self-signed certificate and its key, written to disk. */
export interface SelfSignedCertificate {
  /** The certificate file (PEM). */
  readonly certPath: string;
  /** The unencrypted private key file (PEM). */
  readonly keyPath: string;
  /** The certificate itself, which is also its own CA. */
  readonly certPem: string;
  /** The private key itself. */
  readonly keyPem: string;
}

/**
 * Why no certificate can be made here (openssl missing), or `undefined` when it can.
 *
 * @param env - where `PATH` is read from. @defaultValue `process.env`
 */
export function probeOpenssl(env: GateEnv = process.env): Promise<string | undefined> {
  return probeCommands([{ command: "openssl", debianPackage: "openssl" }], env);
}

/**
 * Writes a fresh self-signed certificate (RSA 2048) and its unencrypted key into `dir`, by
 * default for `127.0.0.1` and `localhost`.
 *
 * @param dir - an existing directory under `os.tmpdir()` (see {@link tempDir}).
 * @param options - file name, subject and lifetime.
 * @throws InvalidArgumentError (`invalid_option`) when `name` contains a path separator.
 * @throws TestkitError (`certificate_failed`) when openssl fails; the cause holds its output.
 * @example
 * ```ts
 * await using dir = await tempDir();
 * const cert = await createSelfSignedCertificate(dir.path);
 * https.createServer({ cert: cert.certPem, key: cert.keyPem }, handler);
 * ```
 */
export async function createSelfSignedCertificate(
  dir: string,
  options: SelfSignedCertificateOptions = {},
): Promise<SelfSignedCertificate> {
  const name = options.name ?? "server";
  if (/[/\\]/.test(name)) {
    throw new InvalidArgumentError(
      `createSelfSignedCertificate: options.name "${name}" contains a path separator. Pass a plain file name.`,
      "invalid_option",
    );
  }
  const certPath = join(dir, `${name}.pem`);
  const keyPath = join(dir, `${name}.key`);
  try {
    await run("openssl", [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      String(options.days ?? 1),
      "-subj",
      `/CN=${options.commonName ?? "127.0.0.1"}`,
      "-addext",
      `subjectAltName=${options.subjectAltName ?? "IP:127.0.0.1,DNS:localhost"}`,
      "-keyout",
      keyPath,
      "-out",
      certPath,
    ]);
  } catch (error) {
    throw new TestkitError(
      "createSelfSignedCertificate: openssl could not create a certificate. Check that openssl 1.1.1 or newer (which knows -addext) is on PATH.",
      "certificate_failed",
      { cause: error },
    );
  }
  const [certPem, keyPem] = await Promise.all([
    readFile(certPath, "utf8"),
    readFile(keyPath, "utf8"),
  ]);
  return { certPath, keyPath, certPem, keyPem };
}
