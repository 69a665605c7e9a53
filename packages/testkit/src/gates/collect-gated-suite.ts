import { TestkitError } from "../testkit-error.js";
import {
  decideServiceGate,
  type GateEnv,
  requireService,
  type ServiceProbe,
} from "./service-gate.js";

/** The few test-runner functions a gated suite needs; vitest's in practice, fakes in tests. */
export interface SuiteRegistrar {
  skipSuite(title: string, fn: () => void | Promise<void>): void;
  test(title: string, fn: () => void): void;
  warn(line: string): void;
}

/**
 * Collects the body of a gated suite: probes the service, then registers `fn`'s tests, the same
 * tests as skipped (printing why), or one failing test carrying the reason.
 */
export async function collectGatedSuite(
  name: string,
  probe: ServiceProbe,
  fn: () => void | Promise<void>,
  env: GateEnv,
  registrar: SuiteRegistrar,
): Promise<void> {
  const decision = decideServiceGate(name, await requireService(name, probe), env);
  switch (decision.action) {
    case "run":
      await fn();
      return;
    case "skip":
      registrar.warn(`[testkit] skipping the ${name} tests: ${decision.reason}`);
      registrar.skipSuite(decision.reason, fn);
      return;
    case "fail": {
      const error = new TestkitError(
        `describeWithService: ${decision.reason}. CI=true turns this skip into a failure; install the service on the CI machine (see .ci/run).`,
        "service_unavailable",
      );
      registrar.test(`${name} is available`, () => {
        throw error;
      });
      return;
    }
  }
}
