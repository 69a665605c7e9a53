/**
 * Checks whether a system service can be used here. Resolves to `undefined` when it can, or to
 * the reason it cannot, phrased so a person knows what to install (e.g. `"redis-server not
 * found on PATH; install the Debian package redis-server"`).
 */
export type ServiceProbe = () => Promise<string | undefined>;

/** The outcome of a {@link ServiceProbe}. */
export interface ServiceAvailability {
  /** True when the service can be used. */
  available: boolean;
  /** Why it cannot, when it cannot. */
  reason?: string;
}

/** What a service gate does with a suite: run it, skip it, or fail it. */
export type ServiceGateDecision =
  | { action: "run" }
  | { action: "skip"; reason: string }
  | { action: "fail"; reason: string };

/** The environment variables a gate reads; a plain object in tests. */
export type GateEnv = Readonly<Record<string, string | undefined>>;

/**
 * Runs `probe` and reports whether the service `name` is available. A probe that throws counts
 * as "unavailable" with the error's message as the reason, so a broken probe never hides tests
 * silently under CI (the gate fails them there).
 *
 * @example
 * ```ts
 * const redis = await requireService("redis-server", probeRedisServer);
 * if (!redis.available) console.warn(redis.reason);
 * ```
 */
export async function requireService(
  name: string,
  probe: ServiceProbe,
): Promise<ServiceAvailability> {
  try {
    const reason = await probe();
    return reason === undefined ? { available: true } : { available: false, reason };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { available: false, reason: `the ${name} probe failed: ${detail}` };
  }
}

/**
 * The gate's rule, as a pure function: run when available; otherwise skip with the reason, or
 * fail when `env.CI === "true"` (a CI machine must have every service, so a skip there would
 * hide missing coverage).
 *
 * @param env - the environment to read `CI` from; tests pass a plain object.
 */
export function decideServiceGate(
  name: string,
  availability: ServiceAvailability,
  env: GateEnv,
): ServiceGateDecision {
  if (availability.available) return { action: "run" };
  const reason = `${name} is unavailable: ${availability.reason ?? "the probe gave no reason"}`;
  return env.CI === "true" ? { action: "fail", reason } : { action: "skip", reason };
}
