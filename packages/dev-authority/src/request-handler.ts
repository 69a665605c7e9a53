// The HTTP entry point: routing, body limits, fault injection, and mapping thrown OAuth errors
// to Entra's JSON. Unexpected exceptions become a generic 500 without internal details.
import type { IncomingMessage, ServerResponse } from "node:http";
import { applyFault } from "./apply-fault.js";
import type { AuthorityState } from "./authority-state.js";
import { handleAuthorize } from "./authorize-endpoint.js";
import { renderMessagePage } from "./html-pages.js";
import { handleLogout } from "./logout-endpoint.js";
import { handleMe } from "./me-endpoint.js";
import {
  handleInstanceDiscovery,
  handleKeys,
  handleOpenIdConfiguration,
} from "./metadata-endpoints.js";
import { OAuthError } from "./oauth-error.js";
import { RequestContext } from "./request-context.js";
import { type DevAuthorityEndpoint, matchRoute } from "./routes.js";
import { handleToken } from "./token-endpoint.js";

/** @internal Answers one `/_control/...` request. */
export type ControlHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  action: string,
  body: string,
) => void;

const maxBodyBytes = 1024 * 1024;

const handlers: Record<DevAuthorityEndpoint, (ctx: RequestContext) => void> = {
  "instance-discovery": handleInstanceDiscovery,
  "openid-configuration": handleOpenIdConfiguration,
  keys: handleKeys,
  authorize: handleAuthorize,
  token: handleToken,
  logout: handleLogout,
  me: handleMe,
  "error-page": (ctx) => {
    const code = (ctx.query.get("code") ?? "").replace(/\D/g, "");
    ctx.respondHtml(
      200,
      renderMessagePage(`AADSTS${code}`, "See the error_description of the response for details."),
    );
  },
  unknown: (ctx) =>
    ctx.respondJson(404, {
      error: "not_found",
      error_description: "No such endpoint on the dev authority.",
    }),
};

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new BodyTooLargeError());
        req.destroy();
      } else {
        chunks.push(chunk);
      }
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** @internal */
export function createRequestHandler(state: AuthorityState, control: ControlHandler | undefined) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(state, control, req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      const status = error instanceof BodyTooLargeError ? 413 : 500;
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(
        JSON.stringify({
          error: "server_error",
          error_description: "The dev authority failed to handle the request.",
        }),
      );
    });
  };
}

async function handle(
  state: AuthorityState,
  control: ControlHandler | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // Concatenated, not resolved: a path such as `//host/x` must not change the URL's host.
  const url = new URL(`${state.baseUrl}${req.url ?? "/"}`);
  const route = matchRoute(url.pathname);
  const body = await readBody(req);
  if (route.endpoint === "control") {
    if (control) return control(req, res, route.action, body);
    res.writeHead(404, { "content-type": "application/json; charset=utf-8" });
    res.end(
      JSON.stringify({ error: "not_found", error_description: "The control API is disabled." }),
    );
    return;
  }
  const ctx = new RequestContext(state, req, res, url, route.endpoint, route.tenant, body);
  const fault = state.faults.take(ctx.faultCandidate());
  if (fault && !(await applyFault(ctx, fault))) return;
  try {
    handlers[route.endpoint](ctx);
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    ctx.respondOAuthError(error);
  }
}
