// How Entra maps requested scopes to one resource (the access token's `aud`) and the `scp` claim,
// including the one-resource-per-token rule (AADSTS28000).
import { aadsts } from "./aadsts-errors.js";

/** The Microsoft Graph resource, which bare scopes such as `User.Read` belong to. */
export const graphResource = "https://graph.microsoft.com";

const oidcScopes = new Set(["openid", "profile", "offline_access", "email"]);

/** @internal The outcome of scope resolution for one token request. */
export interface ResolvedScopes {
  /** The access token audience. */
  readonly resource: string;
  /** The `scp` claim. */
  readonly scp: string;
  /** The `scope` field of the token response. */
  readonly responseScope: string;
  readonly hasOpenId: boolean;
  readonly hasOfflineAccess: boolean;
}

/** @internal Splits a space-separated scope parameter. */
export function splitScopes(scope: string | undefined | null): string[] {
  return (scope ?? "").split(" ").filter((item) => item.length > 0);
}

function splitResourceScope(scope: string): { resource: string; name: string } {
  if (scope.endsWith("/.default")) return { resource: scope.slice(0, -9), name: ".default" };
  const schemeEnd = scope.indexOf("://");
  const slash = scope.lastIndexOf("/");
  if (schemeEnd >= 0) {
    if (slash > schemeEnd + 2)
      return { resource: scope.slice(0, slash), name: scope.slice(slash + 1) };
    return { resource: scope, name: ".default" };
  }
  // A GUID or other app-id URI prefix (`00000003-.../User.Read`) names the resource directly.
  if (slash > 0) return { resource: scope.slice(0, slash), name: scope.slice(slash + 1) };
  return { resource: graphResource, name: scope };
}

function sameResource(a: string, b: string): boolean {
  const normalize = (value: string) => value.toLowerCase().replace(/\/+$/, "");
  return normalize(a) === normalize(b);
}

/**
 * @internal Resolves requested scopes to a single resource.
 * @throws OAuthError AADSTS28000 when the scopes name more than one resource.
 */
export function resolveScopes(requested: readonly string[]): ResolvedScopes {
  const resourceScopes = requested.filter((scope) => !oidcScopes.has(scope));
  const requestedOidc = requested.filter((scope) => oidcScopes.has(scope));
  const parsed = resourceScopes.map(splitResourceScope);
  const first = parsed[0];
  if (first && parsed.some((item) => !sameResource(item.resource, first.resource))) {
    throw aadsts.multipleResources(requested.join(" "));
  }
  const resource = first?.resource ?? graphResource;
  const isGraph = sameResource(resource, graphResource);
  const names = new Set<string>();
  const granted: string[] = [];
  for (const [index, item] of parsed.entries()) {
    const original = resourceScopes[index] ?? "";
    if (item.name === ".default") {
      const expanded = isGraph ? "User.Read" : "user_impersonation";
      names.add(expanded);
      granted.push(`${item.resource}/${expanded}`, original);
    } else {
      names.add(item.name);
      granted.push(original);
    }
  }
  if (parsed.length === 0) {
    names.add("User.Read");
    granted.push("User.Read");
  }
  return {
    resource,
    scp: [...names].join(" "),
    responseScope: [...new Set([...granted, ...requestedOidc])].join(" "),
    hasOpenId: requested.includes("openid"),
    hasOfflineAccess: requested.includes("offline_access"),
  };
}
