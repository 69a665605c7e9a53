// Self-signed certificates (testkit's, made with openssl) in a temporary directory, once
// per test run (see global-setup.ts); tests read them with inject("certificates").
import { createSelfSignedCertificate, type TempDir, tempDir } from "@entrakit/testkit";
import { inject } from "vitest";

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

/** Creates the certificates in a new temporary directory; returns them and the directory. */
export async function createTestCertificates(): Promise<{
  certificates: TestCertificates;
  dir: TempDir;
}> {
  const dir = await tempDir("entrakit-transport-");
  const create = async (name: string, commonName: string, subjectAltName: string) => {
    const made = await createSelfSignedCertificate(dir.path, {
      name,
      commonName,
      subjectAltName,
      days: 2,
    });
    return { cert: made.certPem, key: made.keyPem, certPath: made.certPath };
  };
  const [server, second, elsewhere] = await Promise.all([
    create("server", "localhost", localNames),
    create("second", "second", localNames),
    create("elsewhere", "elsewhere", "DNS:elsewhere.test"),
  ]);
  return { certificates: { server, second, elsewhere }, dir };
}
