// `POST /{tenant}/oauth2/v2.0/token`: parameter checks and client authentication shared by the
// grants, then dispatch. `client_credentials` and the other grants are deliberately absent.
import { aadsts } from "./aadsts-errors.js";
import { redeemAuthorizationCode } from "./authorization-code-grant.js";
import { authenticateClient } from "./client-authentication.js";
import { redeemRefreshToken } from "./refresh-token-grant.js";
import type { RequestContext } from "./request-context.js";
import { parseRequestClaims } from "./session-revocations.js";

const grants = { authorization_code: redeemAuthorizationCode, refresh_token: redeemRefreshToken };

/** @internal */
export function handleToken(ctx: RequestContext): void {
  if (ctx.req.method !== "POST") throw aadsts.methodNotAllowed(ctx.req.method ?? "GET");
  const tenant = ctx.resolveTenant();
  const grantType = ctx.form.get("grant_type");
  if (!grantType) throw aadsts.missingParameter("grant_type");
  if (!Object.hasOwn(grants, grantType)) throw aadsts.unsupportedGrantType(grantType);
  const clientId = ctx.clientId;
  if (!clientId) throw aadsts.missingParameter("client_id");
  const app = ctx.state.directory.app(clientId);
  if (!app) throw aadsts.unknownClient(clientId, tenant.tenantId ?? tenant.segment);
  const appidacr = authenticateClient(ctx, app);
  const claims = parseRequestClaims(ctx.form.get("claims"));
  const redeem = grants[grantType as keyof typeof grants];
  ctx.respondJson(200, redeem(ctx, tenant, app, appidacr, claims));
}
