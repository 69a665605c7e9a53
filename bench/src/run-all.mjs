// Runs every benchmark and prints one table. Each row is measured side by side with its floor
// (and, where one exists, @azure/identity) in the same process run; ratios are what count.
import { fileURLToPath } from "node:url";
import { formatRate } from "./measure.mjs";
import { runInTrustingChild } from "./run-in-trusting-child.mjs";
import { benchSharedCache, formatSharedCacheRow } from "./shared-cache.mjs";
import { benchWarmGetTokenCore } from "./warm-get-token-core.mjs";

const rateLine = (row, floor) =>
  `  ${row.name.padEnd(45)} ${formatRate(row.median).padStart(10)}  (min ${formatRate(row.min)}, max ${formatRate(row.max)})  ${(row.median / floor).toFixed(3)}x floor`;

console.log("warm getToken (core base) vs async Map lookup");
const core = await benchWarmGetTokenCore();
for (const row of core) console.log(rateLine(row, core[0].median));

const authCode = await runInTrustingChild(
  fileURLToPath(new URL("./auth-code-credential.mjs", import.meta.url)),
);
console.log("\nAuthorizationCodeCredential: 1,000 concurrent first calls");
for (const b of authCode.bursts) {
  console.log(
    `  ${b.name.padEnd(20)} code redemptions sent: ${b.codeRedemptions} (failed: ${b.failedRedemptions}), calls that got a token: ${b.successes}`,
  );
}
console.log("\nAuthorizationCodeCredential: warm getToken");
const floor = authCode.rates[0].median;
for (const row of authCode.rates) console.log(rateLine(row, floor));
const entrakit = authCode.rates.find((r) => r.name === "entrakit").median;
const azure = authCode.rates.find((r) => r.name === "@azure/identity").median;
console.log(`  entrakit / @azure/identity: ${(entrakit / azure).toFixed(0)}x`);

console.log(
  "\nSharedTokenCacheCredential: warm and cold getToken vs reading + parsing the cache once",
);
for (const row of await benchSharedCache()) console.log(`  ${formatSharedCacheRow(row)}`);
