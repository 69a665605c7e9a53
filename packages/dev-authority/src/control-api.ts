// `/_control/...`: the control methods as a small JSON API, for tests in other languages or
// processes. Not logged in the request log (its bodies carry codes and tokens by design).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { DevAuthorityControls } from "./dev-authority.js";
import { isRecord } from "./jwt.js";
import type { ControlHandler } from "./request-handler.js";
import type { RequestFilter } from "./request-log.js";
import type { DevAuthorityEndpoint } from "./routes.js";

type Route = (body: Record<string, unknown>, query: URLSearchParams) => unknown;

function filterFrom(query: URLSearchParams): RequestFilter {
  const filter: RequestFilter = {};
  const endpoint = query.get("endpoint");
  const grantType = query.get("grantType");
  const clientId = query.get("clientId");
  const status = query.get("status");
  if (endpoint !== null) filter.endpoint = endpoint as DevAuthorityEndpoint;
  if (grantType !== null) filter.grantType = grantType;
  if (clientId !== null) filter.clientId = clientId;
  if (status !== null) filter.status = Number(status);
  return filter;
}

// The casts hand JSON to methods that validate their input themselves.
function routes(controls: DevAuthorityControls, caPem: string): Record<string, Route> {
  return {
    "GET ca": () => caPem,
    "POST tenants": (body) => controls.registerTenant(body as never),
    "POST apps": (body) => controls.registerApp(body as never),
    "POST users": (body) => controls.registerUser(body as never),
    "GET user": (_body, query) => controls.getUser(query.get("username") ?? "") ?? null,
    "POST codes": (body) => ({ code: controls.mintCode(body as never) }),
    "POST codes/expire": (body) => ({ expired: controls.expireCode(body.code as string) }),
    "POST refresh-tokens/expire": (body) =>
      body.refreshToken === undefined
        ? { expired: controls.expireRefreshTokens(body as never) }
        : { expired: controls.expireRefreshToken(body.refreshToken as string) },
    "PUT lifetimes": (body) => {
      const { clientId, ...lifetimes } = body;
      controls.setTokenLifetimes(lifetimes, { clientId: clientId as string | undefined });
    },
    "POST sessions/revoke": (body) => ({
      claims: controls.revokeSessions(body.username as string),
    }),
    "POST faults": (body) => ({ id: controls.injectFault(body as never) }),
    "GET faults": () => controls.listFaults(),
    "DELETE faults": (_body, query) => controls.clearFaults(query.get("id") ?? undefined),
    "GET log": (_body, query) => controls.requestLog(filterFrom(query)),
    "DELETE log": () => controls.clearRequestLog(),
    "GET count": (_body, query) => ({ count: controls.countRequests(filterFrom(query)) }),
    "POST reset": () => controls.reset(),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (typeof body === "string") {
    res.writeHead(status, { "content-type": "application/x-pem-file" });
    res.end(body);
    return;
  }
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(JSON.stringify(body === undefined ? { ok: true } : body));
}

/** @internal */
export function createControlHandler(
  controls: DevAuthorityControls,
  caPem: string,
): ControlHandler {
  const table = routes(controls, caPem);
  return (req: IncomingMessage, res: ServerResponse, action: string, rawBody: string) => {
    const route = table[`${req.method ?? "GET"} ${action}`];
    if (!route) {
      send(res, 404, {
        error: "not_found",
        message: `No control route ${req.method} /_control/${action}.`,
      });
      return;
    }
    let body: unknown = {};
    try {
      if (rawBody.trim() !== "") body = JSON.parse(rawBody);
    } catch {
      send(res, 400, { error: "invalid_request", message: "The request body is not valid JSON." });
      return;
    }
    if (!isRecord(body)) {
      send(res, 400, {
        error: "invalid_request",
        message: "The request body must be a JSON object.",
      });
      return;
    }
    try {
      const query = new URL(req.url ?? "/", "https://127.0.0.1").searchParams;
      send(res, 200, route(body, query));
    } catch (error) {
      if (error instanceof TypeError || error instanceof RangeError) {
        send(res, 400, { error: "invalid_request", message: error.message });
        return;
      }
      throw error;
    }
  };
}
