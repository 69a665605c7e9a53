import type { FakeResponse } from "../network/responder.js";
import { authorityBase } from "./authority-base.js";

/** The fields of Entra's v2.0 OpenID configuration that MSAL reads (and a few it logs). */
export interface OpenIdConfigurationBody {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  device_authorization_endpoint: string;
  end_session_endpoint: string;
  jwks_uri: string;
  [field: string]: unknown;
}

const multiTenant = new Set(["common", "organizations", "consumers"]);

/**
 * Entra's OpenID configuration for an authority, with every endpoint under the authority's
 * origin (so it also describes a local authority on loopback).
 *
 * @param authorityUrl - e.g. `https://login.microsoftonline.com/<tenant>`; a `/v2.0` or
 * `/.well-known/openid-configuration` suffix is ignored.
 * @example
 * ```ts
 * fake.on("GET", /openid-configuration/, openIdConfiguration("https://login.microsoftonline.com/common"));
 * ```
 */
export function openIdConfiguration(authorityUrl: string): FakeResponse<OpenIdConfigurationBody> {
  const { origin, tenant, base } = authorityBase(authorityUrl);
  // Entra answers multi-tenant authorities with a placeholder issuer that MSAL fills in.
  const issuerTenant = multiTenant.has(tenant.toLowerCase()) ? "{tenantid}" : tenant;
  return {
    status: 200,
    body: {
      issuer: `${origin}/${issuerTenant}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      kerberos_endpoint: `${base}/kerberos`,
      token_endpoint_auth_methods_supported: [
        "client_secret_post",
        "private_key_jwt",
        "client_secret_basic",
      ],
      response_modes_supported: ["query", "fragment", "form_post"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      claims_supported: ["sub", "iss", "aud", "exp", "iat", "nonce", "tid", "oid", "name"],
      request_uri_parameter_supported: false,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      tenant_region_scope: null,
      cloud_instance_name: "microsoftonline.com",
      cloud_graph_host_name: "graph.windows.net",
      msgraph_host: "graph.microsoft.com",
    },
  };
}
