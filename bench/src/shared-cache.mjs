// SharedTokenCacheCredential over shared caches of 1, 100 and 2,000 accounts: a warm getToken
// (served from memory) and a cold one (a new credential: read, parse and index the cache, choose
// the account, serve its cached token), each next to the floor of reading and JSON.parse-ing
// the same file once. Target (issue: shared cache): warm stays in microseconds at 2,000
// accounts; cold stays within a small multiple of read + parse.
//
// Cold is kept honest: every round replaces the file (a new inode and slightly different
// content, as another tool writing it would), so nothing a previous round read or parsed can
// be reused; the credential's network module fails any request and the token served must be
// the cached one; the order of the contenders rotates, so none always pays for the garbage
// another left. The file backend's load is measured alone too, to show how much of cold is
// reading the store rather than the credential's own work.
import { mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
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

/**
 * A cache as MSAL Node writes it: per account an Account, IdToken, vault AccessToken and family
 * RefreshToken. `variant` changes the first ID token's text (same length) so two caches of one
 * size differ in content.
 */
export function sharedCacheJson(accounts, { variant = "" } = {}) {
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
      secret: `id-token-${n}-${n === 0 ? variant : ""}${"x".repeat(900 - (n === 0 ? variant.length : 0))}`,
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

// Any request means the cached token was not served: the benchmark would measure the wrong path.
const noNetwork = {
  sendGetRequestAsync: () => Promise.reject(new Error("bench: unexpected GET to the authority")),
  sendPostRequestAsync: () => Promise.reject(new Error("bench: unexpected POST to the authority")),
};

function credentialFor(directory, accounts) {
  return new SharedTokenCacheCredential({
    // The file backend as a custom store: measures the cache work, not the keyring discovery
    // (secret-tool searches) the default store list adds on Linux.
    tokenCachePersistenceOptions: { persistence: createFilePersistence({ directory }) },
    username: `user${accounts - 1}@contoso.com`,
    networkModule: noNetwork,
    env: {},
  });
}

/** The cold call: a new credential's first token, which must be the cached one. */
async function coldGetToken(directory, accounts) {
  const { token } = await credentialFor(directory, accounts).getToken(scope);
  if (!token.startsWith(`access-token-${accounts - 1}-`)) {
    throw new Error("bench: the cold getToken did not serve the cached access token");
  }
}

/** Replaces the cache file as a writing tool does: a new file renamed over the old one. */
async function replaceFile(path, text) {
  await writeFile(`${path}.next`, text);
  await rename(`${path}.next`, path);
}

async function millis(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Measures one cache size: cold getToken, read + parse and the file backend's load interleaved
 * (A B C, B C A, C A B, …), then warm getToken calls per second.
 */
async function measureSize(accounts, { coldRounds, warmIterations }) {
  const directory = await mkdtemp(join(tmpdir(), "entrakit-bench-shared-cache-"));
  try {
    const text = sharedCacheJson(accounts);
    const path = join(directory, "msal.cache");
    await writeFile(path, text);
    const contenders = [
      { samples: [], fn: () => coldGetToken(directory, accounts) },
      { samples: [], fn: async () => JSON.parse(await readFile(path, "utf8")) },
      // What the file backend alone takes to hand over the cache: the part of cold that is not
      // the credential's.
      { samples: [], fn: () => createFilePersistence({ directory }).load() },
    ];
    for (let round = 0; round < coldRounds + 3; round++) {
      await replaceFile(path, sharedCacheJson(accounts, { variant: String(round) }));
      for (let n = 0; n < contenders.length; n++) {
        const contender = contenders[(round + n) % contenders.length];
        const ms = await millis(contender.fn);
        // The first rounds warm up the JIT and the file cache.
        if (round >= 3) contender.samples.push(ms);
      }
    }
    await replaceFile(path, text);
    const [cold, readParse, backendLoad] = contenders.map((c) => c.samples);
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
      backendLoadMs: summarize(backendLoad).median,
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
  return `${String(row.accounts).padStart(5)} accounts (${(row.fileBytes / 1024).toFixed(0).padStart(5)} KiB)  warm ${row.warmMicros.toFixed(2).padStart(6)} µs  cold ${row.coldMs.toFixed(2).padStart(7)} ms (min ${row.coldMinMs.toFixed(2)}, max ${row.coldMaxMs.toFixed(2)})  read+parse ${row.readParseMs.toFixed(2).padStart(6)} ms  cold = ${row.coldToReadParse.toFixed(1)}x read+parse (file backend load alone ${(row.backendLoadMs / row.readParseMs).toFixed(1)}x)`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await benchSharedCache()) console.log(formatSharedCacheRow(row));
}
