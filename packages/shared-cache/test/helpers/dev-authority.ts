import { PublicClientApplication } from "@azure/msal-node";
import { type DevAuthority, startDevAuthority } from "@entrakit/dev-authority";
import { createNetworkModule } from "@entrakit/transport";

export type { DevAuthority };
export { startDevAuthority };

/** Transport options that trust the dev authority and ignore proxies of the environment. */
export function trusting(authority: DevAuthority) {
  return { ca: authority.caPem, env: {}, retryDelayMs: 1, maxRetryDelayMs: 5 };
}

/**
 * Signs `username` in with a public client the way a developer tool does (authorization code,
 * in-memory MSAL cache) and returns the MSAL cache it would have persisted.
 */
export async function signInWithTool(
  authority: DevAuthority,
  options: { clientId: string; username: string; scopes: string[]; tenant?: string },
): Promise<Record<string, Record<string, Record<string, unknown>>>> {
  const tenant = options.tenant ?? "organizations";
  const app = new PublicClientApplication({
    auth: {
      clientId: options.clientId,
      authority: `${authority.url}/${tenant}`,
      knownAuthorities: [new URL(authority.url).host],
    },
    system: { networkClient: createNetworkModule(trusting(authority)) },
  });
  const code = authority.mintCode({
    username: options.username,
    scopes: [...options.scopes, "openid", "profile", "offline_access"],
    clientId: options.clientId,
    redirectUri: "http://localhost",
  });
  await app.acquireTokenByCode({ code, scopes: options.scopes, redirectUri: "http://localhost" });
  return JSON.parse(app.getTokenCache().serialize());
}

/** Decodes a JWT's payload (the dev authority's own test tokens). */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
}
