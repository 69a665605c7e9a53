// Discovery documents: instance discovery, OpenID configuration and JWKS, always naming this
// authority's own host:port so clients never reach for login.microsoftonline.com.
import { aadsts } from "./aadsts-errors.js";
import type { ResolvedTenant } from "./directory.js";
import type { RequestContext } from "./request-context.js";

/** The tenant as it appears in endpoint paths and in the issuer, as Entra writes them. */
function tenantPaths(tenant: ResolvedTenant): { path: string; issuer: string } {
  if (tenant.kind === "tenant" && tenant.tenantId) {
    return { path: tenant.tenantId, issuer: tenant.tenantId };
  }
  const path = tenant.segment.toLowerCase();
  return { path, issuer: tenant.kind === "consumers" ? (tenant.tenantId ?? path) : "{tenantid}" };
}

/** @internal `GET /{tenant}/discovery/instance` */
export function handleInstanceDiscovery(ctx: RequestContext): void {
  const { baseUrl, host } = ctx.state;
  const authorizationEndpoint = ctx.query.get("authorization_endpoint");
  let tenant = "common";
  if (authorizationEndpoint !== null) {
    const url = URL.canParse(authorizationEndpoint) ? new URL(authorizationEndpoint) : undefined;
    // Entra answers only for its own clouds; any other host is an invalid instance.
    if (url?.host !== host) throw aadsts.unknownInstance();
    tenant = url.pathname.split("/")[1] || "common";
  }
  const port = host.slice(host.lastIndexOf(":") + 1);
  ctx.respondJson(200, {
    tenant_discovery_endpoint: `${baseUrl}/${tenant}/v2.0/.well-known/openid-configuration`,
    "api-version": "1.1",
    metadata: [
      { preferred_network: host, preferred_cache: host, aliases: [host, `localhost:${port}`] },
    ],
  });
}

/** @internal `GET /{tenant}/v2.0/.well-known/openid-configuration` */
export function handleOpenIdConfiguration(ctx: RequestContext): void {
  const tenant = ctx.resolveTenant("invalid_tenant");
  const { path, issuer } = tenantPaths(tenant);
  const base = `${ctx.state.baseUrl}/${path}`;
  ctx.respondJson(200, {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: [
      "client_secret_post",
      "private_key_jwt",
      "client_secret_basic",
    ],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: `${ctx.state.baseUrl}/${issuer}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${ctx.state.baseUrl}/me`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      "sub",
      "iss",
      "aud",
      "exp",
      "iat",
      "nbf",
      "auth_time",
      "nonce",
      "name",
      "preferred_username",
      "oid",
      "tid",
      "ver",
      "xms_cc",
    ],
    code_challenge_methods_supported: ["S256", "plain"],
    tenant_region_scope: null,
    cloud_instance_name: ctx.state.host,
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: "graph.microsoft.com",
  });
}

/** @internal `GET /{tenant}/discovery/v2.0/keys` */
export function handleKeys(ctx: RequestContext): void {
  const tenant = ctx.resolveTenant("invalid_tenant");
  const { issuer } = tenantPaths(tenant);
  ctx.respondJson(200, { keys: [ctx.state.signingKey.jwk(`${ctx.state.baseUrl}/${issuer}/v2.0`)] });
}
