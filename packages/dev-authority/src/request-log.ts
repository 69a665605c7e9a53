// The request log tests read: which endpoint, grant type, client and scopes, and the status.
// Parameter values that are secrets (secrets, codes, verifiers, assertions, tokens, passwords)
// are replaced before an entry is stored, so the log can be printed or asserted on freely.
import type { FaultKind } from "./fault-injector.js";
import type { DevAuthorityEndpoint } from "./routes.js";

/** One request the authority answered (control API calls are not logged). */
export interface RequestLogEntry {
  /** Arrival time, ISO 8601. */
  readonly timestamp: string;
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly endpoint: DevAuthorityEndpoint;
  /** Tenant path segment, when the endpoint has one. */
  readonly tenant: string | undefined;
  readonly grantType: string | undefined;
  readonly clientId: string | undefined;
  readonly scopes: readonly string[] | undefined;
  /** HTTP status sent; `0` when the connection was reset by a fault. */
  readonly status: number;
  /** The request's `client-request-id`, or one the authority generated. */
  readonly correlationId: string;
  /** The fault that shaped this response, if any. */
  readonly fault: FaultKind | undefined;
  /** Query and form parameters; secret values are `"[redacted]"`. */
  readonly params: Readonly<Record<string, string>>;
}

/** Selects request log entries; every given field must match. */
export interface RequestFilter {
  endpoint?: DevAuthorityEndpoint;
  grantType?: string;
  clientId?: string;
  status?: number;
}

/** The placeholder that replaces secret parameter values in the request log. */
export const redactedValue = "[redacted]";

const publicParams = new Set([
  "grant_type",
  "client_assertion_type",
  "response_type",
  "token_type_hint",
  "code_challenge",
  "code_challenge_method",
  "requested_token_use",
]);
const secretParams = new Set(["code", "request", "state", "nonce"]);
const secretPattern = /secret|token|password|assertion|verifier|code$/i;

/** True when a parameter's value must never be logged. */
function isSecretParam(name: string): boolean {
  if (publicParams.has(name)) return false;
  return secretParams.has(name) || secretPattern.test(name);
}

/** @internal Parameters with secret values replaced. */
export function redactParams(...sources: URLSearchParams[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const source of sources) {
    for (const [name, value] of source) {
      result[name] = isSecretParam(name) ? redactedValue : value;
    }
  }
  return result;
}

const maxEntries = 10_000;

/** @internal */
export class RequestLog {
  private readonly log: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.log.push(Object.freeze({ ...entry, params: Object.freeze({ ...entry.params }) }));
    if (this.log.length > maxEntries) this.log.splice(0, this.log.length - maxEntries);
  }

  entries(filter: RequestFilter = {}): RequestLogEntry[] {
    return this.log.filter((entry) => matches(entry, filter));
  }

  count(filter: RequestFilter = {}): number {
    return this.entries(filter).length;
  }

  clear(): void {
    this.log.length = 0;
  }
}

function matches(entry: RequestLogEntry, filter: RequestFilter): boolean {
  return (
    (filter.endpoint === undefined || entry.endpoint === filter.endpoint) &&
    (filter.grantType === undefined || entry.grantType === filter.grantType) &&
    (filter.clientId === undefined || entry.clientId === filter.clientId) &&
    (filter.status === undefined || entry.status === filter.status)
  );
}
