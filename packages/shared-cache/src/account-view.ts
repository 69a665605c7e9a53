/**
 * The accounts a credential can use: joins every store's accounts and refresh tokens, keeps
 * only those of the authority's cloud that hold a refresh token this client may redeem (a
 * Microsoft first-party family token, or one issued to this very client), and keeps all tenant
 * profiles of an account together instead of letting one hide the others.
 */
import type { CachedRefreshToken } from "./cache/cache-index";
import type { Cloud } from "./cloud";
import type { StoreSnapshot } from "./stores/cache-store";

/** A refresh token and the store it was read from (new tokens are written back there). */
export interface RefreshTokenSource {
  readonly token: CachedRefreshToken;
  readonly snapshot: StoreSnapshot;
}

/** One account, across all stores. */
export interface AccountView {
  readonly homeAccountId: string;
  readonly username: string;
  /** The tenant of the home account id (`<object id>.<tenant id>`). */
  readonly homeTenantId: string;
  /** Every tenant the account has a profile in or holds tokens for, the home tenant first. */
  readonly tenantIds: readonly string[];
  /** The `environment` its entries were cached under. */
  readonly environment: string;
  /** Refresh tokens to try, best first: this client's own, then newest first. */
  readonly refreshTokens: readonly RefreshTokenSource[];
}

/**
 * Builds the account views of `snapshots` for `cloud` and `clientId`, sorted by username.
 *
 * @param clientId - the credential's client id (its own non-family refresh tokens count too).
 */
export function buildAccountViews(
  snapshots: readonly StoreSnapshot[],
  cloud: Cloud,
  clientId: string,
): AccountView[] {
  const client = clientId.toLowerCase();
  const families = new Map<string, string>();
  for (const { index } of snapshots) {
    for (const [key, family] of index.families) families.set(key, family);
  }
  const usable = new Map<string, RefreshTokenSource[]>();
  const seenSecrets = new Set<string>();
  for (const snapshot of snapshots) {
    for (const [home, tokens] of snapshot.index.refreshTokens) {
      for (const token of tokens) {
        if (!cloud.matches(token.environment) || seenSecrets.has(token.secret)) continue;
        const family =
          token.familyId ?? families.get(`${token.environment.toLowerCase()}|${token.clientId}`);
        if (family === undefined && token.clientId !== client) continue;
        seenSecrets.add(token.secret);
        const list = usable.get(home);
        if (list) list.push({ token, snapshot });
        else usable.set(home, [{ token, snapshot }]);
      }
    }
  }
  const views: AccountView[] = [];
  for (const [home, refreshTokens] of usable) {
    const view = viewOf(home, refreshTokens, snapshots, cloud, client);
    if (view) views.push(view);
  }
  return views.sort(
    (a, b) =>
      a.username.localeCompare(b.username) || a.homeAccountId.localeCompare(b.homeAccountId),
  );
}

function viewOf(
  home: string,
  refreshTokens: RefreshTokenSource[],
  snapshots: readonly StoreSnapshot[],
  cloud: Cloud,
  client: string,
): AccountView | undefined {
  const homeTenantId = (home.split(".")[1] ?? "").toLowerCase();
  const tenants = new Set<string>(homeTenantId ? [homeTenantId] : []);
  let username = "";
  let environment = "";
  for (const { index } of snapshots) {
    for (const account of index.accounts.get(home) ?? []) {
      if (!cloud.matches(account.environment)) continue;
      username ||= account.username;
      environment ||= account.environment;
      for (const tenant of account.tenantIds) tenants.add(tenant);
    }
    for (const tenant of index.tokenTenants.get(home) ?? []) tenants.add(tenant);
  }
  // Without an Account entry there is no username to choose by or to show; the anchors skip
  // such tokens too.
  if (!environment) return undefined;
  const ordered = [...refreshTokens].sort(
    (a, b) =>
      Number(b.token.clientId === client) - Number(a.token.clientId === client) ||
      b.token.lastModified - a.token.lastModified,
  );
  return {
    homeAccountId: home,
    username,
    homeTenantId,
    tenantIds: [...tenants],
    environment,
    refreshTokens: ordered,
  };
}
