// Turns an injected fault into a (broken) response. Returns true when the request should still
// be handled normally afterwards (the `delay` fault).
import { STATUS_CODES } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { aadsts } from "./aadsts-errors.js";
import type { FaultInjection } from "./fault-injector.js";
import { OAuthError } from "./oauth-error.js";
import type { RequestContext } from "./request-context.js";

const truncatedTokenResponse =
  '{"token_type":"Bearer","scope":"https://graph.microsoft.com/User.Read","expires_in":3599,"ext_expires_in":3599,"access_token":"eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBo';

/** @internal */
export async function applyFault(ctx: RequestContext, fault: FaultInjection): Promise<boolean> {
  ctx.fault = fault.kind;
  switch (fault.kind) {
    case "server-error": {
      const status = fault.status ?? 500;
      ctx.respond(
        status,
        { "content-type": "text/plain; charset=utf-8" },
        STATUS_CODES[status] ?? "Error",
      );
      return false;
    }
    case "throttle":
      ctx.respondOAuthError(aadsts.transient(), {
        "retry-after": String(fault.retryAfterSeconds ?? 5),
      });
      return false;
    case "html": {
      const status = fault.status ?? 502;
      const title = `${status} ${STATUS_CODES[status] ?? "Error"}`;
      ctx.respondHtml(
        status,
        `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>The gateway could not complete the request.</p></body></html>`,
      );
      return false;
    }
    case "malformed-json":
      ctx.respond(
        fault.status ?? 200,
        { "content-type": "application/json; charset=utf-8" },
        truncatedTokenResponse,
      );
      return false;
    case "reset":
      ctx.reset();
      return false;
    case "delay":
      try {
        await sleep(fault.delayMs, undefined, { signal: ctx.state.closing.signal });
      } catch {
        ctx.reset();
        return false;
      }
      // Like a real authority, the request is still processed when the client already gave up
      // (a code redeemed this way is spent: the client's retry gets AADSTS54005).
      return true;
    case "entra-error": {
      const status = fault.status ?? (fault.error === "invalid_client" ? 401 : 400);
      const description = fault.description ?? "There was an error issuing a token.";
      const extras = { claims: fault.claims, suberror: fault.suberror };
      ctx.respondOAuthError(
        new OAuthError(status, fault.error, fault.errorCode ?? 50000, description, extras),
      );
      return false;
    }
    case "json":
      ctx.respondJson(fault.status, fault.body, fault.headers);
      return false;
  }
}
