// Issues an authorization code for a signed-in user; shared by the sign-in page and mintCode.
import type { RegisteredApp } from "./app-registration.js";
import type { AuthorityState } from "./authority-state.js";
import type { RegisteredUser, TenantProfile } from "./user-registration.js";

/** @internal */
export interface CodeRequest {
  readonly app: RegisteredApp;
  readonly user: RegisteredUser;
  readonly profile: TenantProfile;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly codeChallenge: string | undefined;
  readonly codeChallengeMethod: "S256" | "plain" | undefined;
  readonly nonce: string | undefined;
  readonly capabilities: readonly string[];
}

/** @internal */
export function issueCode(state: AuthorityState, request: CodeRequest): string {
  const now = state.now();
  const username = request.user.username.toLowerCase();
  return state.grants.issueCode({
    clientId: request.app.clientId,
    username,
    tenantId: request.profile.tenantId,
    redirectUri: request.redirectUri,
    scopes: request.scopes,
    codeChallenge: request.codeChallenge,
    codeChallengeMethod:
      request.codeChallenge === undefined ? undefined : request.codeChallengeMethod,
    nonce: request.nonce,
    clientCapabilities: request.capabilities,
    generation: state.revocations.generation(username),
    authTime: Math.floor(now / 1000),
    issuedAt: now,
    expiresAt: now + state.lifetimesFor(request.app.clientId).codeExpiresIn * 1000,
    redeemed: false,
  });
}
