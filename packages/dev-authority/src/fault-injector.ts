// Scripted failures for the next N matching requests, so clients' retry, timeout and error paths
// can be tested against real HTTP. Applying a fault to a response happens in the request handler.
import { randomUUID } from "node:crypto";
import { type DevAuthorityEndpoint, endpointNames } from "./routes.js";

/** What an injected fault does to a matching request. */
export type Fault =
  /** A 5xx with a plain-text body. */
  | { kind: "server-error"; status?: number }
  /** 429 with `Retry-After` and an Entra `temporarily_unavailable` body. */
  | { kind: "throttle"; retryAfterSeconds?: number }
  /** An HTML error page instead of JSON, as a proxy or gateway would send (default status 502). */
  | { kind: "html"; status?: number }
  /** A truncated JSON body with `content-type: application/json` (default status 200). */
  | { kind: "malformed-json"; status?: number }
  /** The TCP connection is destroyed without a response. */
  | { kind: "reset" }
  /** The request is answered normally after `delayMs`, e.g. longer than a client timeout. */
  | { kind: "delay"; delayMs: number }
  /** An Entra error body in the exact shape the token endpoint uses (default status 400). */
  | {
      kind: "entra-error";
      error: string;
      errorCode?: number;
      description?: string;
      status?: number;
      claims?: string;
      suberror?: string;
    }
  /** Any JSON body and status, for shapes the other kinds do not cover. */
  | { kind: "json"; status: number; body: unknown; headers?: Record<string, string> };

/** The `kind` of a {@link Fault}. */
export type FaultKind = Fault["kind"];

/** Which requests a fault applies to, and how many times. */
export interface FaultMatch {
  /** The endpoint to fail, or `"any"`. */
  endpoint: DevAuthorityEndpoint | "any";
  /** Only token requests with this `grant_type`. */
  grantType?: string;
  /** Only requests with this `client_id`. */
  clientId?: string;
  /**
   * How many matching requests fail.
   * @defaultValue `1`
   */
  count?: number;
}

/** A fault and the requests it applies to, as passed to `injectFault`. */
export type FaultInjection = FaultMatch & Fault;

/** A fault still waiting for matching requests. */
export interface PendingFault {
  readonly id: string;
  readonly endpoint: DevAuthorityEndpoint | "any";
  readonly kind: FaultKind;
  readonly remaining: number;
}

/** @internal What a request offers for matching. */
export interface FaultCandidate {
  readonly endpoint: DevAuthorityEndpoint;
  readonly grantType: string | undefined;
  readonly clientId: string | undefined;
}

interface Armed {
  readonly id: string;
  readonly spec: FaultInjection;
  remaining: number;
}

const kinds: readonly FaultKind[] = [
  "server-error",
  "throttle",
  "html",
  "malformed-json",
  "reset",
  "delay",
  "entra-error",
  "json",
];

/**
 * Validates a fault spec from a caller.
 * @throws `TypeError`/`RangeError` naming the field.
 */
function validateFault(spec: FaultInjection): FaultInjection {
  if (typeof spec !== "object" || spec === null) {
    throw new TypeError("injectFault: the fault must be an object with endpoint and kind.");
  }
  if (spec.endpoint !== "any" && !endpointNames.includes(spec.endpoint)) {
    throw new TypeError(
      `injectFault: endpoint must be "any" or one of ${endpointNames.join(", ")}.`,
    );
  }
  if (!kinds.includes(spec.kind)) {
    throw new TypeError(`injectFault: kind must be one of ${kinds.join(", ")}.`);
  }
  const count = spec.count ?? 1;
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError("injectFault: count must be a positive integer.");
  }
  const status = "status" in spec ? spec.status : undefined;
  if (status !== undefined && (!Number.isInteger(status) || status < 100 || status > 599)) {
    throw new RangeError("injectFault: status must be an HTTP status code (100-599).");
  }
  if (spec.kind === "delay" && (!Number.isFinite(spec.delayMs) || spec.delayMs < 0)) {
    throw new RangeError("injectFault: delayMs must be a number of milliseconds, 0 or more.");
  }
  if (spec.kind === "entra-error" && (typeof spec.error !== "string" || spec.error === "")) {
    throw new TypeError("injectFault: error must be an OAuth error code such as invalid_grant.");
  }
  if (
    spec.kind === "throttle" &&
    spec.retryAfterSeconds !== undefined &&
    (!Number.isInteger(spec.retryAfterSeconds) || spec.retryAfterSeconds < 0)
  ) {
    throw new RangeError("injectFault: retryAfterSeconds must be a whole number of seconds.");
  }
  return { ...spec, count };
}

/** @internal */
export class FaultInjector {
  private armed: Armed[] = [];

  add(spec: FaultInjection): string {
    const valid = validateFault(spec);
    const id = randomUUID();
    this.armed.push({ id, spec: valid, remaining: valid.count ?? 1 });
    return id;
  }

  /** The first armed fault matching the request, consuming one of its uses. */
  take(candidate: FaultCandidate): FaultInjection | undefined {
    const found = this.armed.find(
      ({ spec }) =>
        (spec.endpoint === "any" || spec.endpoint === candidate.endpoint) &&
        (spec.grantType === undefined || spec.grantType === candidate.grantType) &&
        (spec.clientId === undefined || spec.clientId === candidate.clientId),
    );
    if (!found) return undefined;
    found.remaining--;
    if (found.remaining <= 0) this.armed = this.armed.filter((item) => item !== found);
    return found.spec;
  }

  list(): PendingFault[] {
    return this.armed.map(({ id, spec, remaining }) => ({
      id,
      endpoint: spec.endpoint,
      kind: spec.kind,
      remaining,
    }));
  }

  clear(id?: string): void {
    this.armed = id === undefined ? [] : this.armed.filter((item) => item.id !== id);
  }
}
