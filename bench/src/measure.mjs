// Shared measuring helpers: interleaved rounds, median and spread, so two contenders run under
// the same machine conditions and the ratio (not the absolute number) is what a run reports.

/** Runs `fn` `iterations` times (awaiting each call) and returns calls per second. */
export async function callsPerSecond(fn, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await fn();
  const elapsedNs = Number(process.hrtime.bigint() - start);
  return iterations / (elapsedNs / 1e9);
}

/** Median and the spread (min..max) of a list of numbers. */
export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1), runs: sorted.length };
}

/**
 * Measures several contenders in interleaved rounds (A B C, A B C, ...) after a warm-up, and
 * returns each one's summary of calls per second.
 */
export async function compareRates(
  contenders,
  { rounds = 9, iterations = 200_000, warmup = 50_000 } = {},
) {
  for (const { fn } of contenders) await callsPerSecond(fn, warmup);
  const samples = new Map(contenders.map(({ name }) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const { name, fn, iterations: own } of contenders) {
      samples.get(name).push(await callsPerSecond(fn, own ?? iterations));
    }
  }
  return contenders.map(({ name }) => ({ name, ...summarize(samples.get(name)) }));
}

/** Formats a rate like `5.42M/s` or `3.6k/s`. */
export function formatRate(perSecond) {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)}M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}k/s`;
  return `${perSecond.toFixed(0)}/s`;
}
