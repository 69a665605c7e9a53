// Row 3, cold start: fresh `node` processes (interleaved, N runs each) that import a package and
// redeem a code against the dev authority. Measures the import alone and process start to
// first token, for the meta package, @entrakit/auth-code alone, and @azure/identity. The
// children trust the authority through NODE_EXTRA_CA_CERTS, read by Node at start-up.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  createSelfSignedCertificate,
  defaultTenantId,
  defaultUsername,
  defaultWebAppClientId,
  defaultWebAppRedirectUri,
  defaultWebAppSecret,
  startDevAuthority,
} from "@entrakit/dev-authority";
import { summarize } from "./measure.mjs";

const run = promisify(execFile);
const child = fileURLToPath(new URL("./cold-start-child.mjs", import.meta.url));
const scope = "https://vault.azure.net/.default";

export const coldStartContenders = [
  { name: "@entrakit/identity (meta package)", specifier: "@entrakit/identity" },
  { name: "@entrakit/auth-code", specifier: "@entrakit/auth-code" },
  { name: "@azure/identity", specifier: "@azure/identity" },
];

async function once(authority, caFile, specifier) {
  const code = authority.mintCode({
    username: defaultUsername,
    scopes: [scope, "openid", "profile", "offline_access"],
    clientId: defaultWebAppClientId,
    redirectUri: defaultWebAppRedirectUri,
  });
  const settings = {
    tenantId: defaultTenantId,
    clientId: defaultWebAppClientId,
    clientSecret: defaultWebAppSecret,
    redirectUri: defaultWebAppRedirectUri,
    authorityHost: authority.url,
    scope,
    code,
  };
  const { stdout } = await run(process.execPath, [child, specifier], {
    env: {
      ...process.env,
      NODE_EXTRA_CA_CERTS: caFile,
      ENTRAKIT_BENCH_COLD_START: JSON.stringify(settings),
    },
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1));
}

/** Runs `runs` interleaved rounds (after one unrecorded round that warms the file cache). */
export async function benchColdStart({ runs = 7 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "entrakit-bench-cold-"));
  const { certPem, keyPem } = await createSelfSignedCertificate({});
  const caFile = join(dir, "ca.pem");
  writeFileSync(caFile, certPem);
  const authority = await startDevAuthority({ tls: { cert: certPem, key: keyPem } });
  try {
    const samples = new Map(coldStartContenders.map((c) => [c.name, []]));
    for (let round = 0; round <= runs; round++) {
      for (const { name, specifier } of coldStartContenders) {
        const result = await once(authority, caFile, specifier);
        if (round > 0) samples.get(name).push(result);
      }
    }
    return coldStartContenders.map(({ name, specifier }) => {
      const results = samples.get(name);
      const tokens = results.map((r) => r.firstTokenMs).filter((ms) => typeof ms === "number");
      return {
        name,
        specifier,
        importMs: summarize(results.map((r) => r.importMs)),
        firstTokenMs: tokens.length === results.length ? summarize(tokens) : undefined,
        note: results.find((r) => r.note)?.note,
      };
    });
  } finally {
    await authority.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchColdStart({ runs: 3 }), null, 2));
}
