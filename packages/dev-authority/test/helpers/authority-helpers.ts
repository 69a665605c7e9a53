// Shortcuts over the authority's wire protocol that most tests share.
import { createHash, randomBytes } from "node:crypto";
import type { DevAuthority } from "../../src/index.js";
import { defaultPublicClientId, defaultUsername } from "../../src/index.js";
import { type HttpResponse, postForm, request } from "./https-client.js";

export interface TokenBody {
  token_type: string;
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  refresh_in?: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  client_info?: string;
  foci?: string;
}

export interface ErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
  claims?: string;
  suberror?: string;
}

export const publicRedirectUri = "http://localhost";

export function tokenEndpoint(authority: DevAuthority, tenant?: string): string {
  return `${authority.authorityUrl(tenant)}/oauth2/v2.0/token`;
}

export function postToken(
  authority: DevAuthority,
  params: Record<string, string | undefined>,
  options: { tenant?: string; headers?: Record<string, string> } = {},
): Promise<HttpResponse> {
  return postForm(tokenEndpoint(authority, options.tenant), params, {
    ca: authority.caPem,
    headers: options.headers,
  });
}

export function get(authority: DevAuthority, path: string, headers?: Record<string, string>) {
  return request(`${authority.url}${path}`, { ca: authority.caPem, headers });
}

export function decodePayload(jwt: string): Record<string, unknown> {
  const part = jwt.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** Mints a code for the default public client and redeems it. */
export async function signInAndRedeem(
  authority: DevAuthority,
  options: {
    username?: string;
    scopes?: string;
    clientId?: string;
    tenant?: string;
    claims?: string;
    capabilities?: string[];
  } = {},
): Promise<TokenBody> {
  const scopes = options.scopes ?? "User.Read openid profile offline_access";
  const clientId = options.clientId ?? defaultPublicClientId;
  const code = authority.mintCode({
    username: options.username ?? defaultUsername,
    clientId,
    scopes,
    tenant: options.tenant,
    clientCapabilities: options.capabilities,
  });
  const response = await postToken(
    authority,
    {
      grant_type: "authorization_code",
      client_id: clientId,
      code,
      redirect_uri: publicRedirectUri,
      scope: scopes,
      client_info: "1",
      claims: options.claims,
    },
    { tenant: options.tenant },
  );
  if (response.status !== 200) throw new Error(`code redemption failed: ${response.body}`);
  return response.json<TokenBody>();
}

export function refresh(
  authority: DevAuthority,
  refreshToken: string,
  options: { clientId?: string; scope?: string; tenant?: string; claims?: string } = {},
): Promise<HttpResponse> {
  return postToken(
    authority,
    {
      grant_type: "refresh_token",
      client_id: options.clientId ?? defaultPublicClientId,
      refresh_token: refreshToken,
      scope: options.scope ?? "https://storage.azure.com/.default openid profile offline_access",
      client_info: "1",
      claims: options.claims,
    },
    { tenant: options.tenant },
  );
}

/** A manual clock for expiry tests: starts at the real time and moves only when told. */
export function manualClock(start = Date.now()) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}
