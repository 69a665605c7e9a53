// A throwaway TLS certificate for a loopback service, made with the system's openssl. It owns
// no trust decisions: callers hand `certPem` to the client that should trust it.

import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { probeCommands, TestkitError } from "@entrakit/testkit";

const run = promisify(execFile);

/** A self-signed certificate for `127.0.0.1` / `localhost`, written to disk. */
export interface SelfSignedCertificate {
  /** The certificate file (PEM). */
  readonly certPath: string;
  /** The unencrypted private key file (PEM). */
  readonly keyPath: string;
  /** The certificate itself, which is also its own CA. */
  readonly certPem: string;
}

/**
 * Why no certificate can be made here (openssl missing), or `undefined` when it can.
 */
export function probeOpenssl(): Promise<string | undefined> {
  return probeCommands([{ command: "openssl", debianPackage: "openssl" }]);
}

/**
 * Writes `cert.pem` and `key.pem` for `127.0.0.1` (SAN `IP:127.0.0.1,DNS:localhost`) into `dir`.
 *
 * @param dir - a directory under `os.tmpdir()`.
 * @throws TestkitError (`service_start_failed`) when openssl fails; the cause holds its output.
 */
export async function createSelfSignedCertificate(dir: string): Promise<SelfSignedCertificate> {
  const certPath = join(dir, "cert.pem");
  const keyPath = join(dir, "key.pem");
  try {
    await run("openssl", [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "-keyout",
      keyPath,
      "-out",
      certPath,
    ]);
  } catch (error) {
    throw new TestkitError(
      "createSelfSignedCertificate: openssl could not create a certificate. Check that openssl 1.1.1 or newer (which knows -addext) is on PATH.",
      "service_start_failed",
      { cause: error },
    );
  }
  return { certPath, keyPath, certPem: await readFile(certPath, "utf8") };
}
