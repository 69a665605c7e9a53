import { aliasesOfHost } from "@entrakit/core";
import type { FakeResponse } from "../network/responder.js";

/** The body of Entra's instance discovery endpoint (`/common/discovery/instance`). */
export interface InstanceDiscoveryBody {
  tenant_discovery_endpoint: string;
  "api-version": string;
  metadata: { preferred_network: string; preferred_cache: string; aliases: string[] }[];
}

/**
 * Entra's instance discovery answer for `host`: the cloud's known aliases for a public, national
 * or government cloud host, or just `host` itself for any other (a local authority).
 *
 * @param host - a host name, with a port when not 443, e.g. `login.microsoftonline.com`.
 */
export function instanceDiscovery(host: string): FakeResponse<InstanceDiscoveryBody> {
  const aliases = [...aliasesOfHost(host)];
  const preferredNetwork = aliases[0] ?? host.toLowerCase();
  // Entra keys the public cloud's cache entries under login.windows.net, not the network host.
  const preferredCache = aliases.includes("login.windows.net")
    ? "login.windows.net"
    : preferredNetwork;
  return {
    status: 200,
    body: {
      tenant_discovery_endpoint: `https://${host}/{tenant}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: preferredNetwork, preferred_cache: preferredCache, aliases }],
    },
  };
}
