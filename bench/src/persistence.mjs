// Row 6, persistence: @entrakit/cache-persistence's file backend and cache plugin next to
// msal-node-extensions' FilePersistence + PersistenceCachePlugin (what @azure/identity's
// persistent cache uses), on one cache file: a read of an unchanged cache (before-access
// check), a write (before access, change, after access: lock, merge, atomic replace), and 8
// processes writing the same file at once (throughput, and whether any write was lost).
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, open, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compareRates, summarize } from "./measure.mjs";
import { sharedCacheJson } from "./shared-cache.mjs";
import { createPlugin, tokenCacheStandIn, writeOnce } from "./token-cache-stand-in.mjs";

const backends = ["entrakit", "msal-node-extensions"];
const worker = fileURLToPath(new URL("./persistence-worker.mjs", import.meta.url));

async function freshDirectory(text) {
  const directory = await mkdtemp(join(tmpdir(), "entrakit-bench-persistence-"));
  const path = join(directory, "msal.cache");
  await writeFile(path, text);
  // An mtime seconds in the past: both plugins then trust the file's metadata for "unchanged".
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

async function singleProcess(text) {
  const setups = [];
  for (const backend of backends) {
    const { directory, path } = await freshDirectory(text);
    const plugin = await createPlugin(backend, directory);
    const cache = tokenCacheStandIn("{}");
    await plugin.beforeCacheAccess({ cacheHasChanged: false, tokenCache: cache });
    setups.push({ backend, directory, path, plugin, cache });
  }
  const floor = await freshDirectory(text);
  const unchanged = (setup) => () =>
    setup.plugin.beforeCacheAccess({ cacheHasChanged: false, tokenCache: setup.cache });
  const reads = await compareRates(
    [
      { name: "floor: fs.stat of the file", fn: () => stat(floor.path) },
      {
        name: "naive: read + JSON.parse",
        fn: async () => JSON.parse(await readFile(floor.path, "utf8")),
      },
      ...setups.map((setup) => ({ name: setup.backend, fn: unchanged(setup) })),
    ],
    { rounds: 5, iterations: 2_000, warmup: 500 },
  );
  let n = 0;
  const writes = await compareRates(
    [
      {
        name: "floor: atomic write (temp, fsync, rename)",
        fn: () => atomicWrite(floor.path, text),
      },
      ...setups.map((setup) => ({
        name: setup.backend,
        fn: () => writeOnce(setup.plugin, setup.cache, "bench-single", `secret-${n++}`),
      })),
    ],
    { rounds: 5, iterations: 20, warmup: 5 },
  );
  for (const { directory } of [...setups, floor])
    await rm(directory, { recursive: true, force: true });
  return { reads, writes };
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
    const othersKept = Object.keys(final.AccessToken ?? {}).length >= processes;
    return { writesPerSecond: (processes * writes) / seconds, seconds, lost, othersKept };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** Runs the single-process rates, then `rounds` interleaved contention runs per backend. */
export async function benchPersistence({
  accounts = 20,
  rounds = 3,
  processes = 8,
  writes = 25,
} = {}) {
  const text = sharedCacheJson(accounts);
  const single = await singleProcess(text);
  const runs = new Map(backends.map((b) => [b, []]));
  for (let round = 0; round < rounds; round++) {
    for (const backend of backends)
      runs.get(backend).push(await contention(backend, text, { processes, writes }));
  }
  const contended = backends.map((backend) => {
    const results = runs.get(backend);
    return {
      name: backend,
      ...summarize(results.map((r) => r.writesPerSecond)),
      lostWrites: results.reduce((sum, r) => sum + r.lost, 0),
      writesChecked: results.length * processes,
    };
  });
  return {
    cacheBytes: Buffer.byteLength(text),
    processes,
    writesPerProcess: writes,
    ...single,
    contended,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchPersistence(), null, 2));
}
