import fc from "fast-check";

/**
 * Property tests run 100 cases with a fresh seed each time. A soak run widens
 * that without touching a test: `FC_NUM_RUNS=5000 npm test`. A CI failure
 * prints its seed; `FC_SEED=<seed>` replays that exact run.
 */
const numRuns = Number(process.env.FC_NUM_RUNS ?? "");
const seed = Number(process.env.FC_SEED ?? "");
fc.configureGlobal({
  ...(Number.isInteger(numRuns) && numRuns > 0 ? { numRuns } : {}),
  ...(process.env.FC_SEED && Number.isInteger(seed) ? { seed } : {}),
});
