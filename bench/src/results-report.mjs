// Renders bench/RESULTS.md from one run: the environment, a summary of every target with PASS
// or MISS (a miss is shown as a miss), and a table per row with medians, spreads and ratios.
import { formatRate } from "./measure.mjs";

const ms = (value) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const spreadMs = (s) => `${ms(s.min)} – ${ms(s.max)}`;
const rateSpread = (r) => `${formatRate(r.min)} – ${formatRate(r.max)}`;
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const bytes = (value) => value.toLocaleString("en-US");
const table = (header, rows) =>
  [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");

function rowOneAndTwo({ authCode, core }, targets) {
  const floor = authCode.rates[0].median;
  const azure = authCode.rates.find((r) => r.name === "@azure/identity").median;
  const rates = authCode.rates.map((r) => [
    r.name,
    formatRate(r.median),
    rateSpread(r),
    `${(r.median / floor).toFixed(3)}x`,
    `${(r.median / azure).toFixed(r.median / azure >= 10 ? 0 : 2)}x`,
  ]);
  const coreRows = core.map((r) => [
    r.name,
    formatRate(r.median),
    rateSpread(r),
    `${(r.median / core[0].median).toFixed(3)}x`,
    "—",
  ]);
  const bursts = authCode.bursts.map((b) => [
    b.name,
    String(b.codeRedemptions),
    String(b.failedRedemptions),
    `${b.successes} / 1000`,
  ]);
  return [
    "## 1. Warm getToken",
    "",
    "`AuthorizationCodeCredential` after its first token, against the dev authority, interleaved with a bare `async` Map lookup (the floor) and `@azure/identity` 4.13.1's `AuthorizationCodeCredential` in the same child process; then core's get-token base with its own floor, in the parent process. Calls per second, median of the rounds. A warm call can beat the floor: it returns an already settled promise, while the floor's `async` function makes a new one per call. The floor measures lower in the child than in the parent (the child also serves the dev authority and holds both credentials), so each ratio is taken within its own process.",
    "",
    table(
      ["contender", "median", "spread (min – max)", "ratio to floor", "ratio to @azure/identity"],
      [...rates, ...coreRows],
    ),
    "",
    targetLines(targets, "1"),
    "",
    "## 2. 1,000 concurrent first calls",
    "",
    "A fresh credential over a freshly minted code, 1,000 `getToken` calls at once; the dev authority's request log counts the code redemptions that reached it.",
    "",
    table(
      [
        "credential",
        "code redemptions at the authority",
        "of which failed",
        "calls that got a token",
      ],
      bursts,
    ),
    "",
    targetLines(targets, "2"),
  ];
}

function rowThree({ coldStart }, targets) {
  const azure = coldStart.find((c) => c.specifier === "@azure/identity");
  const rows = coldStart.map((c) => [
    c.name,
    ms(c.importMs.median),
    spreadMs(c.importMs),
    `${(azure.importMs.median / c.importMs.median).toFixed(2)}x`,
    c.firstTokenMs ? ms(c.firstTokenMs.median) : `n/a (${c.note})`,
    c.firstTokenMs ? spreadMs(c.firstTokenMs) : "—",
    c.firstTokenMs ? `${(azure.firstTokenMs.median / c.firstTokenMs.median).toFixed(2)}x` : "—",
  ]);
  return [
    "## 3. Cold start",
    "",
    `Fresh \`node\` processes, ${coldStart[0].importMs.runs} per contender, interleaved (after one unrecorded round): \`import()\` of the package timed alone, and process start (\`performance.timeOrigin\`) to the first token (import, construct, redeem a code at the dev authority over TLS).`,
    "",
    table(
      [
        "package",
        "import median",
        "import spread",
        "@azure/identity ÷ this (import)",
        "start → first token median",
        "spread",
        "@azure/identity ÷ this (first token)",
      ],
      rows,
    ),
    "",
    targetLines(targets, "3"),
  ];
}

function rowFour({ install }, targets) {
  const azure = install.find((i) => i.name === "@azure/identity");
  const rows = install.map((i) => [
    i.name,
    `${bytes(i.diskBytes)} (${mib(i.diskBytes)})`,
    `${bytes(i.apparentBytes)} (${mib(i.apparentBytes)})`,
    String(i.packages),
    `${(i.diskBytes / azure.diskBytes).toFixed(2)}`,
    i.mode,
  ]);
  return [
    "## 4. Install footprint",
    "",
    "Workspace packages packed with `npm pack`, the tarballs (the package and the entrakit packages it depends on) installed into a fresh temp project with `npm install --offline --no-audit --no-fund`; third-party dependencies come from the npm cache. `@azure/identity@4.13.1` installed the same way. `du` of `node_modules`: bytes on disk (`--block-size=1`) and apparent bytes (`--bytes`). One run: the installed files are the same every time.",
    "",
    table(
      [
        "install",
        "bytes on disk",
        "apparent bytes",
        "packages",
        "÷ @azure/identity (disk)",
        "install",
      ],
      rows,
    ),
    "",
    targetLines(targets, "4"),
  ];
}

function rowFive({ sharedCache }, targets) {
  const rows = sharedCache.map((r) => [
    r.accounts.toLocaleString("en-US"),
    `${(r.fileBytes / 1024).toFixed(0)} KiB`,
    `${r.warmMicros.toFixed(2)} µs`,
    `${r.warmMinMicros.toFixed(2)} – ${r.warmMaxMicros.toFixed(2)} µs`,
    ms(r.coldMs),
    `${ms(r.coldMinMs)} – ${ms(r.coldMaxMs)}`,
    ms(r.readParseMs),
    `${r.coldToReadParse.toFixed(2)}x`,
  ]);
  return [
    "## 5. SharedTokenCacheCredential",
    "",
    "Shared caches as MSAL Node writes them (per account: Account, IdToken, vault AccessToken, family RefreshToken), read through the file backend. Warm: `getToken` on a credential that already served the token (time per call, median of 5 rounds). Cold: a new credential's first `getToken` (read, parse, index, choose the account, serve the cached token), interleaved with reading + `JSON.parse` of the same file once (the floor). `@azure/identity` 4.x has no `SharedTokenCacheCredential` to compare with.",
    "",
    table(
      [
        "accounts",
        "file",
        "warm median",
        "warm spread",
        "cold median",
        "cold spread",
        "read + parse median",
        "cold ÷ read + parse",
      ],
      rows,
    ),
    "",
    targetLines(targets, "5"),
  ];
}

function rowSix({ persistence }) {
  const time = (micros) => (micros >= 1000 ? ms(micros / 1000) : `${micros.toFixed(0)} µs`);
  const rows = (kind) =>
    persistence.sizes.flatMap((size) =>
      size[kind].map((r) => [
        bytes(size.accounts),
        `${bytes(Math.round(size.cacheBytes / 1024))} KiB`,
        r.name,
        time(r.micros),
        `${time(r.minMicros)} – ${time(r.maxMicros)}`,
        `${r.timesFloor.toFixed(2)}x`,
      ]),
    );
  const header = ["accounts", "file", "contender", "per call, median", "spread", "÷ floor"];
  const ratios = persistence.sizes.map((size) => [
    bytes(size.accounts),
    `${size.readEntrakitToExtensions.toFixed(2)}x`,
    `${size.writeEntrakitToExtensions.toFixed(2)}x`,
  ]);
  const { contention } = persistence;
  const contended = contention.contended.map((r) => [
    r.name,
    `${r.median.toFixed(0)}/s`,
    `${r.min.toFixed(0)} – ${r.max.toFixed(0)}/s`,
    `${r.lostWrites} of ${r.writesChecked}`,
  ]);
  return [
    "## 6. Persistence (file backend)",
    "",
    "`@entrakit/cache-persistence`'s `createFilePersistence` + `createCachePlugin` next to `@azure/msal-node-extensions`' `FilePersistence` + `PersistenceCachePlugin` (what `@azure/identity`'s persistent cache uses on Linux with `unsafeAllowUnencryptedStorage`), driven as MSAL drives a plugin, over caches of 1, 100 and 2,000 accounts (row 5's generator). Times per call, median of the interleaved rounds; `÷ floor` is the time relative to the floor's. No targets were set for this row.",
    "",
    "Read of an unchanged cache (`beforeCacheAccess`, the file untouched for over 2 s); floor: one `fs.stat` of the file:",
    "",
    table(header, rows("reads")),
    "",
    "Write (`beforeCacheAccess`, one access token changed, `afterCacheAccess`); floor: one durable atomic write of the same bytes (temp file, fsync, rename). msal-node-extensions writes the file in place without fsync, and can beat that floor:",
    "",
    table(header, rows("writes")),
    "",
    "entrakit's time ÷ msal-node-extensions' time:",
    "",
    table(["accounts", "unchanged read", "write"], ratios),
    "",
    `${contention.processes} processes writing their own access token ${contention.writesPerProcess} times each, at once, into one ${bytes(Math.round(contention.cacheBytes / 1024))} KiB file (${bytes(contention.accounts)} accounts; ${contention.contended[0].runs} runs per plugin, interleaved); a write is lost when a process's last token is not in the file at the end:`,
    "",
    table(
      ["plugin", "writes/s, median", "spread", "processes whose last write was lost"],
      contended,
    ),
  ];
}

function targetLines(targets, row) {
  return targets
    .filter((t) => t.row === row)
    .map((t) => `- Target: ${t.target} — measured ${t.measured}: **${t.result}**`)
    .join("\n");
}

/** The whole RESULTS.md. */
export function renderResults(results, targets, environment) {
  const summary = targets.map((t) => [t.row, t.target, t.measured, `**${t.result}**`]);
  const passed = targets.filter((t) => t.result === "PASS").length;
  return `${[
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` on ${environment.date}: Node ${environment.node}, ${environment.cpu} (${environment.cores} cores), load average ${environment.loadAverage} when the run started; the benchmarks took ${environment.durationMinutes} minutes after the build. Rows run entrakit next to \`@azure/identity\` 4.13.1 (or the floor) interleaved in the same run; medians with their spread (min – max over the rounds). Absolute numbers depend on the machine and its load; the ratios are what the targets judge. \`bench/results.svg\` charts the same run.`,
    "",
    `## Targets: ${passed} of ${targets.length} met`,
    "",
    table(["row", "target", "measured", "result"], summary),
    "",
    ...rowOneAndTwo(results, targets),
    "",
    ...rowThree(results, targets),
    "",
    ...rowFour(results, targets),
    "",
    ...rowFive(results, targets),
    "",
    ...rowSix(results),
  ].join("\n")}\n`;
}
