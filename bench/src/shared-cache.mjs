// SharedTokenCacheCredential over shared caches of 1, 100 and 2,000 accounts: a warm getToken
// (served from memory) and a cold one (a new credential: read, parse and index the cache, choose
// the account, serve its cached token), each next to the floor of reading and JSON.parse-ing
// the same file once. Target (issue: shared cache): warm stays in microseconds at 2,000
// accounts; cold stays within a small multiple of read + parse.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFilePersistence } from "@entrakit/cache-persistence";
import { SharedTokenCacheCredential } from "@entrakit/shared-cache";
import { callsPerSecond, summarize } from "./measure.mjs";

const scope = "https://vault.azure.net/.default";
const clientId = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
const tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const environment = "login.microsoftonline.com";
// Valid until 2036: every account's token is served from the cache, no network involved.
const expiresOn = "2110751605";

/** A cache as MSAL Node writes it: per account an Account, IdToken, vault AccessToken and family RefreshToken. */
export function sharedCacheJson(accounts) {
  const cache = { Account: {}, IdToken: {}, AccessToken: {}, RefreshToken: {}, AppMetadata: {} };
  for (let n = 0; n < accounts; n++) {
    const uid = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
    const home = `${uid}.${tenant}`;
    const base = { home_account_id: home, environment };
    cache.Account[`${home}-${environment}-${tenant}`] = {
      ...base,
      realm: tenant,
      local_account_id: uid,
      username: `user${n}@contoso.com`,
      authority_type: "MSSTS",
    };
    cache.IdToken[`${home}-${environment}-idtoken-${clientId}-${tenant}--`] = {
      ...base,
      credential_type: "IdToken",
      client_id: clientId,
      realm: tenant,
      secret: `id-token-${n}-${"x".repeat(900)}`,
    };
    const target = `https://vault.azure.net/user_impersonation ${scope} openid profile offline_access`;
    cache.AccessToken[`${home}-${environment}-accesstoken-${clientId}-${tenant}-${target}-`] = {
      ...base,
      credential_type: "AccessToken",
      client_id: clientId,
      realm: tenant,
      target,
      secret: `access-token-${n}-${"x".repeat(1200)}`,
      cached_at: "1795391605",
      expires_on: expiresOn,
      extended_expires_on: expiresOn,
      token_type: "Bearer",
    };
    cache.RefreshToken[`${home}-${environment}-refreshtoken-1---`] = {
      ...base,
      credential_type: "RefreshToken",
      client_id: clientId,
      secret: `refresh-token-${n}-${"x".repeat(700)}`,
      family_id: "1",
    };
  }
  cache.AppMetadata[`appmetadata-${environment}-${clientId}`] = {
    client_id: clientId,
    environment,
    family_id: "1",
  };
  return JSON.stringify(cache);
}

function credentialFor(directory, accounts) {
  return new SharedTokenCacheCredential({
    // The file backend as a custom store: measures the cache work, not the keyring discovery
    // (secret-tool searches) the default store list adds on Linux.
    tokenCachePersistenceOptions: { persistence: createFilePersistence({ directory }) },
    username: `user${accounts - 1}@contoso.com`,
    env: {},
  });
}

async function millis(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Measures one cache size: cold getToken and read + parse interleaved (A B, A B, …), then warm
 * getToken calls per second.
 */
async function measureSize(accounts, { coldRounds, warmIterations }) {
  const directory = await mkdtemp(join(tmpdir(), "entrakit-bench-shared-cache-"));
  try {
    const text = sharedCacheJson(accounts);
    const path = join(directory, "msal.cache");
    await writeFile(path, text);
    const cold = [];
    const readParse = [];
    for (let round = 0; round < coldRounds + 2; round++) {
      const coldMs = await millis(() => credentialFor(directory, accounts).getToken(scope));
      const floorMs = await millis(async () => JSON.parse(await readFile(path, "utf8")));
      // The first rounds warm up the JIT and the file cache.
      if (round >= 2) {
        cold.push(coldMs);
        readParse.push(floorMs);
      }
    }
    const warmCredential = credentialFor(directory, accounts);
    await warmCredential.getToken(scope);
    await callsPerSecond(() => warmCredential.getToken(scope), warmIterations);
    const rates = [];
    for (let round = 0; round < 5; round++) {
      rates.push(await callsPerSecond(() => warmCredential.getToken(scope), warmIterations));
    }
    const warm = summarize(rates);
    const coldMs = summarize(cold).median;
    const readParseMs = summarize(readParse).median;
    return {
      accounts,
      fileBytes: Buffer.byteLength(text),
      warmMicros: 1e6 / warm.median,
      // The slowest round's time per call is the spread's upper end.
      warmMinMicros: 1e6 / warm.max,
      warmMaxMicros: 1e6 / warm.min,
      coldMs,
      coldMinMs: summarize(cold).min,
      coldMaxMs: summarize(cold).max,
      readParseMs,
      readParseMinMs: summarize(readParse).min,
      readParseMaxMs: summarize(readParse).max,
      coldToReadParse: coldMs / readParseMs,
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** Runs the benchmark for 1, 100 and 2,000 accounts. */
export async function benchSharedCache({ sizes = [1, 100, 2000] } = {}) {
  const rows = [];
  for (const accounts of sizes) {
    rows.push(
      await measureSize(accounts, {
        coldRounds: accounts >= 1000 ? 15 : 40,
        warmIterations: 100_000,
      }),
    );
  }
  return rows;
}

/** One line per size. */
export function formatSharedCacheRow(row) {
  return `${String(row.accounts).padStart(5)} accounts (${(row.fileBytes / 1024).toFixed(0).padStart(5)} KiB)  warm ${row.warmMicros.toFixed(2).padStart(6)} µs  cold ${row.coldMs.toFixed(2).padStart(7)} ms (min ${row.coldMinMs.toFixed(2)}, max ${row.coldMaxMs.toFixed(2)})  read+parse ${row.readParseMs.toFixed(2).padStart(6)} ms  cold = ${row.coldToReadParse.toFixed(1)}x read+parse`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await benchSharedCache()) console.log(formatSharedCacheRow(row));
}
