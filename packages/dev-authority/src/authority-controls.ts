// The control methods behind both the programmatic API and `/_control/`. Each validates its
// input and throws TypeError/RangeError naming the option, never an OAuth error.

import { redirectUriMatches } from "./app-registration.js";
import type { AuthorityState } from "./authority-state.js";
import { defaultPublicClientId } from "./defaults.js";
import type { DevAuthorityControls, DevUser, MintCodeOptions } from "./dev-authority.js";
import { issueCode } from "./issue-code.js";
import { OAuthError } from "./oauth-error.js";
import { resolveScopes, splitScopes } from "./scopes.js";
import { claimsChallenge } from "./session-revocations.js";
import { validateLifetimes } from "./token-lifetimes.js";
import type { RegisteredUser } from "./user-registration.js";

function describeUser(user: RegisteredUser): DevUser {
  const home = user.profiles.get(user.homeTenantId);
  return {
    username: user.username,
    displayName: user.displayName,
    homeTenantId: user.homeTenantId,
    homeAccountId: `${home?.objectId}.${user.homeTenantId}`,
    tenants: [...user.profiles.values()].map((profile) => ({ ...profile })),
  };
}

function requireString(value: unknown, option: string): string {
  if (typeof value !== "string" || value === "") {
    throw new TypeError(`${option} must be a non-empty string.`);
  }
  return value;
}

function mintCode(state: AuthorityState, options: MintCodeOptions): string {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("mintCode: options must be an object with username and scopes.");
  }
  const { directory } = state;
  const username = requireString(options.username, "mintCode: username");
  const user = directory.user(username);
  if (!user) throw new RangeError(`mintCode: username '${username}' is not a registered user.`);
  const clientId = options.clientId ?? defaultPublicClientId;
  const app = directory.app(requireString(clientId, "mintCode: clientId"));
  if (!app) throw new RangeError(`mintCode: clientId '${clientId}' is not a registered app.`);
  const redirectUri = options.redirectUri ?? app.redirectUris[0];
  if (redirectUri === undefined) {
    throw new TypeError("mintCode: redirectUri is required because the app has no redirect URI.");
  }
  if (!redirectUriMatches(app, redirectUri)) {
    throw new RangeError(
      `mintCode: redirectUri '${redirectUri}' is not registered for app '${clientId}'.`,
    );
  }
  const scopes =
    typeof options.scopes === "string" ? splitScopes(options.scopes) : [...(options.scopes ?? [])];
  if (
    scopes.length === 0 ||
    scopes.some((scope) => typeof scope !== "string" || /\s/.test(scope))
  ) {
    throw new TypeError("mintCode: scopes must be a non-empty list of scopes without whitespace.");
  }
  try {
    resolveScopes(scopes);
  } catch (error) {
    if (error instanceof OAuthError) throw new RangeError(`mintCode: scopes: ${error.description}`);
    throw error;
  }
  const tenantName = options.tenant ?? user.homeTenantId;
  const tenant = directory.resolveTenant(requireString(tenantName, "mintCode: tenant"));
  if (!tenant) throw new RangeError(`mintCode: tenant '${tenantName}' is not registered.`);
  const profile = directory.profileFor(user, tenant);
  if (!profile)
    throw new RangeError(`mintCode: user '${username}' has no profile in tenant '${tenantName}'.`);
  const method = options.codeChallengeMethod ?? "S256";
  if (method !== "S256" && method !== "plain") {
    throw new TypeError('mintCode: codeChallengeMethod must be "S256" or "plain".');
  }
  return issueCode(state, {
    app,
    user,
    profile,
    redirectUri,
    scopes,
    codeChallenge: options.codeChallenge,
    codeChallengeMethod: method,
    nonce: options.nonce,
    capabilities: [...(options.clientCapabilities ?? [])],
  });
}

/** @internal */
export function createControls(state: AuthorityState): DevAuthorityControls {
  return {
    registerTenant: (tenant) => {
      state.directory.registerTenant(tenant, "registerTenant: tenant");
    },
    registerApp: (app) => {
      state.directory.registerApp(app, "registerApp: app");
    },
    registerUser: (user) => describeUser(state.directory.registerUser(user, "registerUser: user")),
    getUser: (username) => {
      const user = typeof username === "string" ? state.directory.user(username) : undefined;
      return user ? describeUser(user) : undefined;
    },
    mintCode: (options) => mintCode(state, options),
    setTokenLifetimes: (lifetimes, options = {}) => {
      const valid = validateLifetimes(lifetimes, "setTokenLifetimes: lifetimes");
      if (options.clientId !== undefined)
        requireString(options.clientId, "setTokenLifetimes: clientId");
      state.setLifetimes(valid, options.clientId);
    },
    expireCode: (code) =>
      state.grants.expireCode(requireString(code, "expireCode: code"), state.now()),
    expireRefreshToken: (token) =>
      state.grants.expireRefreshToken(
        requireString(token, "expireRefreshToken: refreshToken"),
        state.now(),
      ),
    expireRefreshTokens: (filter = {}) => state.grants.expireRefreshTokens(filter, state.now()),
    revokeSessions: (username) => {
      const user = state.directory.user(requireString(username, "revokeSessions: username"));
      if (!user)
        throw new RangeError(`revokeSessions: username '${username}' is not a registered user.`);
      return claimsChallenge(state.revocations.revoke(user.username, state.now()));
    },
    claimsChallenge: (username) => {
      const revocation = state.revocations.revocation(
        requireString(username, "claimsChallenge: username"),
      );
      return revocation ? claimsChallenge(revocation) : undefined;
    },
    injectFault: (fault) => state.faults.add(fault),
    listFaults: () => state.faults.list(),
    clearFaults: (id) => state.faults.clear(id),
    requestLog: (filter) => state.log.entries(filter),
    countRequests: (filter) => state.log.count(filter),
    clearRequestLog: () => state.log.clear(),
    reset: () => state.reset(),
  };
}
