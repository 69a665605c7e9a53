// Runs every benchmark (rows 1-6 of the side-by-side comparison with @azure/identity), prints
// each as it finishes, judges the targets, and writes bench/RESULTS.md and bench/results.svg.
// It commits nothing.
import { writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { benchColdStart } from "./cold-start.mjs";
import { benchInstallFootprint } from "./install-footprint.mjs";
import { formatRate } from "./measure.mjs";
import { benchPersistence, formatPersistenceLines } from "./persistence.mjs";
import { renderChart } from "./results-chart.mjs";
import { renderResults } from "./results-report.mjs";
import { runInTrustingChild } from "./run-in-trusting-child.mjs";
import { benchSharedCache, formatSharedCacheRow } from "./shared-cache.mjs";
import { judgeTargets } from "./targets.mjs";
import { benchWarmGetTokenCore } from "./warm-get-token-core.mjs";

const started = Date.now();
const environment = {
  date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  node: process.version,
  cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
  cores: cpus().length,
  loadAverage: loadavg()
    .map((l) => l.toFixed(2))
    .join(" / "),
};
const rateLine = (row, floor) =>
  `  ${row.name.padEnd(45)} ${formatRate(row.median).padStart(10)}  (min ${formatRate(row.min)}, max ${formatRate(row.max)})  ${(row.median / floor).toFixed(3)}x floor`;
const step = (title) => console.log(`\n${title} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

step("1. warm getToken (core base) vs async Map lookup");
const core = await benchWarmGetTokenCore();
for (const row of core) console.log(rateLine(row, core[0].median));

step("1-2. AuthorizationCodeCredential: entrakit vs @azure/identity against the dev authority");
const authCode = await runInTrustingChild(
  fileURLToPath(new URL("./auth-code-credential.mjs", import.meta.url)),
);
for (const b of authCode.bursts) {
  console.log(
    `  1,000 first calls, ${b.name.padEnd(16)} code redemptions: ${b.codeRedemptions} (failed ${b.failedRedemptions}), tokens: ${b.successes}`,
  );
}
for (const row of authCode.rates) console.log(rateLine(row, authCode.rates[0].median));

step("3. cold start: import, and process start to first token");
const coldStart = await benchColdStart();
for (const c of coldStart) {
  console.log(
    `  ${c.name.padEnd(36)} import ${c.importMs.median.toFixed(0)} ms, first token ${c.firstTokenMs ? `${c.firstTokenMs.median.toFixed(0)} ms` : "n/a"}`,
  );
}

step("4. install footprint");
const install = await benchInstallFootprint();
for (const i of install) {
  console.log(
    `  ${i.name.padEnd(22)} ${i.diskBytes.toLocaleString("en-US")} bytes on disk, ${i.packages} packages (${i.mode})`,
  );
}

step("5. SharedTokenCacheCredential: warm and cold getToken");
const sharedCache = await benchSharedCache();
for (const row of sharedCache) console.log(`  ${formatSharedCacheRow(row)}`);

step("6. persistence: unchanged reads and writes at 1, 100, 2,000 accounts, 8-process contention");
const persistence = await benchPersistence();
for (const line of formatPersistenceLines(persistence)) console.log(`  ${line}`);

const results = { core, authCode, coldStart, install, sharedCache, persistence };
const targets = judgeTargets(results);
environment.durationMinutes = ((Date.now() - started) / 60_000).toFixed(1);
const resultsFile = new URL("../RESULTS.md", import.meta.url);
const chartFile = new URL("../results.svg", import.meta.url);
await writeFile(resultsFile, renderResults(results, targets, environment));
await writeFile(
  chartFile,
  renderChart(
    targets,
    `${environment.date}, Node ${environment.node}, ${environment.cores} cores; green PASS, red MISS`,
  ),
);
step("targets");
for (const t of targets) console.log(`  ${t.result}  ${t.target}: ${t.measured}`);
console.log(`\nwrote ${fileURLToPath(resultsFile)} and ${fileURLToPath(chartFile)}`);
