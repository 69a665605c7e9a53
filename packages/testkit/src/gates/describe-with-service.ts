import { describe, test } from "vitest";
import { collectGatedSuite } from "./collect-gated-suite.js";
import type { GateEnv, ServiceProbe } from "./service-gate.js";

/** Options of {@link describeWithService}. */
export interface DescribeWithServiceOptions {
  /** Where `CI` is read from. @defaultValue `process.env` */
  env?: GateEnv;
}

/**
 * A vitest `describe` that runs only when a system service is available. Otherwise it prints the
 * reason to stderr and registers the suite's tests as skipped, or, when `CI=true`, registers one
 * test that fails with the reason. `fn` should only register tests and hooks: start services in
 * `beforeAll`, which a skipped suite never runs.
 *
 * @param name - the service, e.g. `"redis-server"`; also the suite's title.
 * @param probe - resolves to `undefined` when available, or the reason it is not.
 * @param fn - registers the suite's tests.
 * @example
 * ```ts
 * describeWithService("redis-server", probeRedisServer, () => {
 *   let redis: RedisServer;
 *   beforeAll(async () => { redis = await startRedisServer(); });
 *   afterAll(() => redis.close());
 *   test("stores the cache", async () => { ... });
 * });
 * ```
 */
export function describeWithService(
  name: string,
  probe: ServiceProbe,
  fn: () => void | Promise<void>,
  options: DescribeWithServiceOptions = {},
): void {
  const env = options.env ?? process.env;
  describe(name, () =>
    collectGatedSuite(name, probe, fn, env, {
      skipSuite: (title, body) => describe.skip(title, body),
      test: (title, body) => test(title, body),
      warn: (line) => process.stderr.write(`${line}\n`),
    }),
  );
}
