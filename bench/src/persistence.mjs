// Row 6, persistence: @entrakit/cache-persistence's file backend and cache plugin next to
// msal-node-extensions' FilePersistence + PersistenceCachePlugin (what @azure/identity's
// persistent cache uses), for caches of 1, 100 and 2,000 accounts (row 5's generator): a read
// that finds the cache unchanged (before-access check) next to the floor of one fs.stat, and a
// write (before access, change, after access: lock, merge, atomic replace) next to the floor of
// one durable atomic write (temp file, fsync, rename). Then 8 processes writing one file at once
// (throughput, and whether any write was lost).
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, open, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { callsPerSecond, compareRates, summarize } from "./measure.mjs";
import { sharedCacheJson } from "./shared-cache.mjs";
import { createPlugin, tokenCacheStandIn, writeOnce } from "./token-cache-stand-in.mjs";

const backends = ["entrakit", "msal-node-extensions"];
const worker = fileURLToPath(new URL("./persistence-worker.mjs", import.meta.url));
const floorRead = "floor: fs.stat of the file";
const floorWrite = "floor: atomic write (temp, fsync, rename)";
// entrakit trusts a file's stat once it has not changed for 2 s (a coarse clock could hide a
// second write within one tick before that); the files are left alone this long before reads.
const settleMs = 2_100;

async function freshDirectory(text) {
  const directory = await mkdtemp(join(tmpdir(), "entrakit-bench-persistence-"));
  const path = join(directory, "msal.cache");
  await writeFile(path, text);
  // An mtime in the past: msal-node-extensions compares it with its last load.
  const past = new Date(Date.now() - 60_000);
  await utimes(path, past, past);
  return { directory, path };
}

/** The floor of a durable atomic write: temp file, write, fsync, rename. */
async function atomicWrite(path, text) {
  const temp = `${path}.${randomUUID()}.tmp`;
  const handle = await open(temp, "wx", 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

/**
 * Times a few calls of each contender (which also warms it up) and gives it the number of
 * iterations that makes one round take about `roundMs`, so slow and fast contenders and every
 * cache size get rounds of similar length.
 */
async function calibrate(contenders, { roundMs, min, max }) {
  const calibrated = [];
  for (const contender of contenders) {
    const perSecond = await callsPerSecond(contender.fn, min);
    const iterations = Math.max(min, Math.min(max, Math.round((perSecond * roundMs) / 1000)));
    // A warm-up of about one round, at the rate just measured.
    await callsPerSecond(contender.fn, iterations);
    calibrated.push({ ...contender, iterations });
  }
  return calibrated;
}

async function setUpSize(accounts) {
  const text = sharedCacheJson(accounts);
  const setups = [];
  for (const backend of backends) {
    const { directory, path } = await freshDirectory(text);
    const plugin = await createPlugin(backend, directory);
    const cache = tokenCacheStandIn("{}");
    await plugin.beforeCacheAccess({ cacheHasChanged: false, tokenCache: cache });
    setups.push({ backend, directory, path, plugin, cache });
  }
  const floor = await freshDirectory(text);
  return { accounts, text, setups, floor };
}

async function measureReads({ setups, floor }) {
  const contenders = await calibrate(
    [
      { name: floorRead, fn: () => stat(floor.path) },
      {
        name: "naive: read + JSON.parse",
        fn: async () => JSON.parse(await readFile(floor.path, "utf8")),
      },
      ...setups.map((setup) => ({
        name: setup.backend,
        fn: () =>
          setup.plugin.beforeCacheAccess({ cacheHasChanged: false, tokenCache: setup.cache }),
      })),
    ],
    { roundMs: 100, min: 3, max: 2_000 },
  );
  return compareRates(contenders, { rounds: 5, warmup: 0 });
}

async function measureWrites({ text, setups, floor }) {
  let n = 0;
  const contenders = await calibrate(
    [
      { name: floorWrite, fn: () => atomicWrite(floor.path, text) },
      ...setups.map((setup) => ({
        name: setup.backend,
        fn: () => writeOnce(setup.plugin, setup.cache, "bench-single", `secret-${n++}`),
      })),
    ],
    { roundMs: 150, min: 2, max: 40 },
  );
  return compareRates(contenders, { rounds: 5, warmup: 0 });
}

async function contention(backend, text, { processes, writes }) {
  const { directory, path } = await freshDirectory(text);
  try {
    const children = Array.from({ length: processes }, (_, id) =>
      fork(worker, [backend, directory, String(id), String(writes)], { stdio: "ignore" }),
    );
    await Promise.all(
      children.map((child) => new Promise((resolve) => child.once("message", resolve))),
    );
    const start = process.hrtime.bigint();
    const done = children.map(
      (child) =>
        new Promise((resolve, reject) => {
          child.once("message", resolve);
          child.once("exit", (code) =>
            code === 0 ? resolve() : reject(new Error(`exit ${code}`)),
          );
        }),
    );
    for (const child of children) child.send("go");
    await Promise.all(done);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const final = JSON.parse(await readFile(path, "utf8"));
    const lost = Array.from({ length: processes }, (_, id) => id).filter(
      (id) => final.AccessToken?.[`bench-worker-${id}`]?.secret !== `${id}-${writes - 1}`,
    ).length;
    return { writesPerSecond: (processes * writes) / seconds, seconds, lost };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** Adds per-call times and the ratio to the floor (the first contender) to rate summaries. */
function withTimes(rates) {
  const floor = rates[0].median;
  return rates.map((r) => ({
    ...r,
    micros: 1e6 / r.median,
    minMicros: 1e6 / r.max,
    maxMicros: 1e6 / r.min,
    timesFloor: floor / r.median,
  }));
}

/**
 * Runs the single-process reads and writes for each cache size, then `rounds` interleaved
 * contention runs per backend on the `contentionAccounts` cache.
 */
export async function benchPersistence({
  sizes = [1, 100, 2000],
  contentionAccounts = 100,
  rounds = 3,
  processes = 8,
  writes = 25,
} = {}) {
  const prepared = [];
  for (const accounts of sizes) prepared.push(await setUpSize(accounts));
  await sleep(settleMs);
  const results = [];
  try {
    for (const size of prepared) {
      const reads = withTimes(await measureReads(size));
      results.push({ accounts: size.accounts, cacheBytes: Buffer.byteLength(size.text), reads });
    }
    for (const [index, size] of prepared.entries()) {
      results[index].writes = withTimes(await measureWrites(size));
    }
  } finally {
    for (const { setups, floor } of prepared) {
      for (const { directory } of [...setups, floor]) {
        await rm(directory, { recursive: true, force: true });
      }
    }
  }
  for (const size of results) {
    const ratio = (list) =>
      list.find((r) => r.name === "entrakit").micros /
      list.find((r) => r.name === "msal-node-extensions").micros;
    size.readEntrakitToExtensions = ratio(size.reads);
    size.writeEntrakitToExtensions = ratio(size.writes);
  }

  const text = sharedCacheJson(contentionAccounts);
  const runs = new Map(backends.map((b) => [b, []]));
  for (let round = 0; round < rounds; round++) {
    for (const backend of backends)
      runs.get(backend).push(await contention(backend, text, { processes, writes }));
  }
  const contended = backends.map((backend) => {
    const list = runs.get(backend);
    return {
      name: backend,
      ...summarize(list.map((r) => r.writesPerSecond)),
      lostWrites: list.reduce((sum, r) => sum + r.lost, 0),
      writesChecked: list.length * processes,
    };
  });
  return {
    sizes: results,
    contention: {
      accounts: contentionAccounts,
      cacheBytes: Buffer.byteLength(text),
      processes,
      writesPerProcess: writes,
      contended,
    },
  };
}

/** One line per contender and size, for the console. */
export function formatPersistenceLines(result) {
  const lines = [];
  const time = (micros) =>
    micros >= 1000 ? `${(micros / 1000).toFixed(2)} ms` : `${micros.toFixed(0)} µs`;
  for (const size of result.sizes) {
    for (const [kind, list] of [
      ["read", size.reads],
      ["write", size.writes],
    ]) {
      for (const r of list) {
        lines.push(
          `${String(size.accounts).padStart(5)} accounts ${kind.padEnd(5)} ${r.name.padEnd(42)} ${time(r.micros).padStart(10)}  (${r.timesFloor.toFixed(2)}x the floor's time)`,
        );
      }
    }
  }
  for (const r of result.contention.contended) {
    lines.push(
      `${String(result.contention.accounts).padStart(5)} accounts, ${result.contention.processes} processes: ${r.name.padEnd(22)} ${r.median.toFixed(0)} writes/s, lost: ${r.lostWrites} of ${r.writesChecked}`,
    );
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchPersistence();
  for (const line of formatPersistenceLines(result)) console.log(line);
  console.log(JSON.stringify(result, null, 2));
}
