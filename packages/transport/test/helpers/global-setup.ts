// Creates the test certificates once for the whole run instead of once per test file.
import type { TestProject } from "vitest/node";
import { createTestCertificates } from "./certificates.js";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { certificates, dir } = await createTestCertificates();
  project.provide("certificates", certificates);
  return () => dir.close();
}
