// One request as the endpoints see it: parsed parameters, Entra's correlation identifiers, and
// response helpers that also write the (redacted) request log entry exactly once.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { aadsts } from "./aadsts-errors.js";
import type { AuthorityState } from "./authority-state.js";
import type { ResolvedTenant } from "./directory.js";
import type { FaultCandidate, FaultKind } from "./fault-injector.js";
import { entraErrorBody, type OAuthError } from "./oauth-error.js";
import { redactParams } from "./request-log.js";
import type { DevAuthorityEndpoint } from "./routes.js";
import { splitScopes } from "./scopes.js";

/** @internal */
export class RequestContext {
  readonly query: URLSearchParams;
  readonly form: URLSearchParams;
  readonly correlationId: string;
  readonly traceId = randomUUID();
  readonly receivedAt: number;
  fault: FaultKind | undefined;
  private logged = false;

  constructor(
    readonly state: AuthorityState,
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly url: URL,
    readonly endpoint: DevAuthorityEndpoint,
    readonly tenantSegment: string | undefined,
    body: string,
  ) {
    this.query = url.searchParams;
    const type = req.headers["content-type"] ?? "";
    this.form = new URLSearchParams(type.includes("application/x-www-form-urlencoded") ? body : "");
    // Entra echoes a caller's client-request-id as the correlation id, from the header or (as
    // MSAL sends it on token requests) the query string; a GUID is expected.
    const requestId = req.headers["client-request-id"] ?? url.searchParams.get("client-request-id");
    this.correlationId =
      typeof requestId === "string" && /^[A-Za-z0-9-]{1,64}$/.test(requestId)
        ? requestId
        : randomUUID();
    this.receivedAt = state.now();
  }

  /** A parameter from the form body, falling back to the query string. */
  param(name: string): string | undefined {
    return this.form.get(name) ?? this.query.get(name) ?? undefined;
  }

  /** `client_id` from the parameters or an HTTP Basic header. */
  get clientId(): string | undefined {
    return this.param("client_id") ?? this.basicCredentials()?.clientId;
  }

  basicCredentials(): { clientId: string; secret: string } | undefined {
    const header = this.req.headers.authorization;
    if (typeof header !== "string" || !header.startsWith("Basic ")) return undefined;
    const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    try {
      // RFC 6749 section 2.3.1: both parts are form-urlencoded before joining.
      return {
        clientId: decodeURIComponent(decoded.slice(0, colon).replaceAll("+", " ")),
        secret: decodeURIComponent(decoded.slice(colon + 1).replaceAll("+", " ")),
      };
    } catch {
      return undefined;
    }
  }

  /**
   * The tenant named by the path.
   * @throws OAuthError AADSTS90002 when it is unknown.
   */
  resolveTenant(error = "invalid_request"): ResolvedTenant {
    const segment = this.tenantSegment ?? "";
    const resolved = this.state.directory.resolveTenant(segment);
    if (!resolved) throw aadsts.tenantNotFound(segment, error);
    return resolved;
  }

  faultCandidate(): FaultCandidate {
    return {
      endpoint: this.endpoint,
      grantType: this.form.get("grant_type") ?? undefined,
      clientId: this.clientId,
    };
  }

  respond(status: number, headers: Record<string, string>, body: string): void {
    this.recordLog(status);
    if (this.res.headersSent || this.res.destroyed) return;
    this.res.writeHead(status, {
      "cache-control": "no-store, no-cache",
      pragma: "no-cache",
      "x-content-type-options": "nosniff",
      "x-ms-request-id": this.traceId,
      "client-request-id": this.correlationId,
      ...headers,
    });
    this.res.end(body);
  }

  respondJson(status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.respond(
      status,
      { "content-type": "application/json; charset=utf-8", ...headers },
      JSON.stringify(body),
    );
  }

  respondHtml(status: number, html: string, headers: Record<string, string> = {}): void {
    this.respond(status, { "content-type": "text/html; charset=utf-8", ...headers }, html);
  }

  redirect(location: string, headers: Record<string, string> = {}): void {
    this.respond(302, { location, ...headers }, "");
  }

  respondOAuthError(error: OAuthError, headers: Record<string, string> = {}): void {
    this.respondJson(error.status, entraErrorBody(error, this.errorContext()), headers);
  }

  errorContext() {
    return {
      traceId: this.traceId,
      correlationId: this.correlationId,
      now: new Date(this.state.now()),
      baseUrl: this.state.baseUrl,
    };
  }

  /** Drops the connection without a response (status 0 in the log). */
  reset(): void {
    this.recordLog(0);
    this.req.socket.destroy();
  }

  private recordLog(status: number): void {
    if (this.logged) return;
    this.logged = true;
    const scope = this.param("scope");
    this.state.log.record({
      timestamp: new Date(this.receivedAt).toISOString(),
      method: this.req.method ?? "GET",
      path: this.url.pathname,
      endpoint: this.endpoint,
      tenant: this.tenantSegment,
      grantType: this.form.get("grant_type") ?? undefined,
      clientId: this.clientId,
      scopes: scope === undefined ? undefined : splitScopes(scope),
      status,
      correlationId: this.correlationId,
      fault: this.fault,
      params: redactParams(this.query, this.form),
    });
  }
}
