// Starts a benchmark script in a child process that trusts a dev-authority certificate made
// here: Node reads NODE_EXTRA_CA_CERTS only at start-up, and @azure/identity has no CA option.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createSelfSignedCertificate } from "@entrakit/dev-authority";

const run = promisify(execFile);

/** Runs `script` (printing one JSON line) with the authority's CA trusted; returns the JSON. */
export async function runInTrustingChild(script) {
  const dir = mkdtempSync(join(tmpdir(), "entrakit-bench-"));
  try {
    const { certPem, keyPem } = await createSelfSignedCertificate({});
    const caFile = join(dir, "ca.pem");
    const tlsFile = join(dir, "tls.json");
    writeFileSync(caFile, certPem);
    writeFileSync(tlsFile, JSON.stringify({ cert: certPem, key: keyPem }));
    const { stdout } = await run(process.execPath, [script], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, ENTRAKIT_BENCH_TLS: tlsFile },
      maxBuffer: 16 * 1024 * 1024,
    });
    return JSON.parse(stdout.trim().split("\n").at(-1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
