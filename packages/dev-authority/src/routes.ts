// Maps a request path to the authority endpoint it addresses, and the tenant path segment.

/** The endpoints the authority serves; request log entries and faults refer to them by name. */
export type DevAuthorityEndpoint =
  | "instance-discovery"
  | "openid-configuration"
  | "keys"
  | "authorize"
  | "token"
  | "logout"
  | "me"
  | "error-page"
  | "unknown";

/** @internal */
export type Route =
  | { readonly endpoint: DevAuthorityEndpoint; readonly tenant: string | undefined }
  | { readonly endpoint: "control"; readonly action: string };

/** @internal All endpoint names, for validating fault specs. */
export const endpointNames: readonly DevAuthorityEndpoint[] = [
  "instance-discovery",
  "openid-configuration",
  "keys",
  "authorize",
  "token",
  "logout",
  "me",
  "error-page",
  "unknown",
];

const tenantPattern = /^[A-Za-z0-9._-]+$/;

const tenantRoutes: readonly [string, DevAuthorityEndpoint][] = [
  ["discovery/instance", "instance-discovery"],
  ["v2.0/.well-known/openid-configuration", "openid-configuration"],
  // MSAL falls back to the unversioned document for some authority shapes.
  [".well-known/openid-configuration", "openid-configuration"],
  ["discovery/v2.0/keys", "keys"],
  ["discovery/keys", "keys"],
  ["oauth2/v2.0/authorize", "authorize"],
  ["oauth2/v2.0/token", "token"],
  ["oauth2/v2.0/logout", "logout"],
];

/** @internal */
export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, "");
  if (path === "/_control" || path.startsWith("/_control/")) {
    return { endpoint: "control", action: path.slice("/_control".length).replace(/^\//, "") };
  }
  if (path === "/me" || path === "/v1.0/me") return { endpoint: "me", tenant: undefined };
  if (path === "/error") return { endpoint: "error-page", tenant: undefined };
  const slash = path.indexOf("/", 1);
  if (slash > 0) {
    const tenant = path.slice(1, slash);
    const rest = path.slice(slash + 1);
    const match = tenantRoutes.find(([suffix]) => suffix === rest);
    if (match && tenantPattern.test(tenant)) return { endpoint: match[1], tenant };
  }
  return { endpoint: "unknown", tenant: undefined };
}
