// Self-signed certificates made with the openssl command line in a temporary directory, once
// per test run (see global-setup.ts); tests read them with inject("certificates").
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { inject } from "vitest";

const run = promisify(execFile);

export interface TestCertificate {
  readonly cert: string;
  readonly key: string;
  readonly certPath: string;
}

/** The certificates every test file can use. */
export interface TestCertificates {
  /** CN localhost; SAN IP:127.0.0.1, DNS:localhost, DNS:authority.test. */
  readonly server: TestCertificate;
  /** A second, unrelated self-signed certificate with the same names. */
  readonly second: TestCertificate;
  /** Names only elsewhere.test, so it never matches 127.0.0.1. */
  readonly elsewhere: TestCertificate;
}

declare module "vitest" {
  export interface ProvidedContext {
    certificates: TestCertificates;
  }
}

/** The run's certificates. */
export function testCertificates(): TestCertificates {
  return inject("certificates");
}

const localNames = "IP:127.0.0.1,DNS:localhost,DNS:authority.test";

/** Creates the certificates in a new temporary directory; returns them and its path. */
export async function createTestCertificates(): Promise<{
  certificates: TestCertificates;
  dir: string;
}> {
  const dir = mkdtempSync(join(tmpdir(), "entrakit-transport-"));
  const [server, second, elsewhere] = await Promise.all([
    create(dir, "server", "localhost", localNames),
    create(dir, "second", "second", localNames),
    create(dir, "elsewhere", "elsewhere", "DNS:elsewhere.test"),
  ]);
  return { certificates: { server, second, elsewhere }, dir };
}

export function removeDirectory(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

async function create(
  dir: string,
  name: string,
  commonName: string,
  subjectAltName: string,
): Promise<TestCertificate> {
  const certPath = join(dir, `${name}.pem`);
  const keyPath = join(dir, `${name}.key`);
  await run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    `/CN=${commonName}`,
    "-addext",
    `subjectAltName=${subjectAltName}`,
    "-keyout",
    keyPath,
    "-out",
    certPath,
  ]);
  return { cert: readFileSync(certPath, "utf8"), key: readFileSync(keyPath, "utf8"), certPath };
}
