/**
 * The accounts a credential can use: joins every store's accounts and refresh tokens, keeps
 * only those of the authority's cloud that hold a refresh token this client may redeem (a
 * Microsoft first-party family token, or one issued to this very client), and keeps all tenant
 * profiles of an account together instead of letting one hide the others.
 */
import type { CachedRefreshToken } from "./cache/cached-refresh-token";
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
 * Builds the account views of `snapshots` for `cloud` and `clientId`, in the order the stores
 * hold them; {@link sortAccountViews} orders them for people. A view's tenants and refresh-token
 * order are worked out on first use: choosing by username needs neither.
 *
 * @param clientId - the credential's client id (its own non-family refresh tokens count too).
 * @param homes - only these home accounts (each looked up alone), instead of every account.
 */
export function buildAccountViews(
  snapshots: readonly StoreSnapshot[],
  cloud: Cloud,
  clientId: string,
  homes?: ReadonlySet<string>,
): AccountView[] {
  const client = clientId.toLowerCase();
  const families = new Map<string, string>();
  for (const { index } of snapshots) {
    for (const [key, family] of index.families) families.set(key, family);
  }
  const usable = new Map<string, RefreshTokenSource[]>();
  const consider = (home: string, token: CachedRefreshToken, snapshot: StoreSnapshot) => {
    if (!cloud.matches(token.environment)) return;
    const family =
      token.familyId ?? families.get(`${token.environment.toLowerCase()}|${token.clientId}`);
    if (family === undefined && token.clientId !== client) return;
    const list = usable.get(home);
    // The same token in two stores (tools write both `msal.cache` and `.nocae`) is tried once.
    // Compared within the account: hashing every secret into one set costs more than the rest
    // of the join on a cold start.
    if (list?.some((source) => source.token.secret === token.secret)) return;
    if (list) list.push({ token, snapshot });
    else usable.set(home, [{ token, snapshot }]);
  };
  for (const snapshot of snapshots) {
    if (homes === undefined) {
      for (const [home, tokens] of snapshot.index.refreshTokens) {
        for (const token of tokens) consider(home, token, snapshot);
      }
    } else {
      for (const home of homes) {
        for (const token of snapshot.index.refreshTokensOf(home)) consider(home, token, snapshot);
      }
    }
  }
  const views: AccountView[] = [];
  for (const [home, refreshTokens] of usable) {
    let username = "";
    let environment = "";
    for (const { index } of snapshots) {
      for (const account of index.accountsOf(home)) {
        if (!cloud.matches(account.environment)) continue;
        username ||= account.username;
        environment ||= account.environment;
      }
    }
    // Without an Account entry there is no username to choose by or to show; the anchors skip
    // such tokens too.
    if (!environment) continue;
    views.push(
      new JoinedAccountView(home, username, environment, refreshTokens, {
        snapshots,
        cloud,
        client,
      }),
    );
  }
  return views;
}

/** The views sorted for people: by username, then home account id. */
export function sortAccountViews(views: readonly AccountView[]): AccountView[] {
  return [...views].sort(
    (a, b) =>
      a.username.localeCompare(b.username) || a.homeAccountId.localeCompare(b.homeAccountId),
  );
}

interface JoinContext {
  readonly snapshots: readonly StoreSnapshot[];
  readonly cloud: Cloud;
  /** The credential's client id, lower case. */
  readonly client: string;
}

class JoinedAccountView implements AccountView {
  readonly homeTenantId: string;
  readonly #context: JoinContext;
  #refreshTokens: readonly RefreshTokenSource[];
  #ordered = false;
  #tenantIds: readonly string[] | undefined;

  constructor(
    readonly homeAccountId: string,
    readonly username: string,
    readonly environment: string,
    refreshTokens: readonly RefreshTokenSource[],
    context: JoinContext,
  ) {
    this.homeTenantId = homeTenantOf(homeAccountId);
    this.#refreshTokens = refreshTokens;
    this.#context = context;
  }

  get tenantIds(): readonly string[] {
    if (this.#tenantIds) return this.#tenantIds;
    const { snapshots, cloud } = this.#context;
    const tenants = new Set<string>(this.homeTenantId ? [this.homeTenantId] : []);
    for (const { index } of snapshots) {
      for (const account of index.accountsOf(this.homeAccountId)) {
        if (!cloud.matches(account.environment)) continue;
        for (const tenant of account.tenantIds) tenants.add(tenant);
      }
      for (const tenant of index.tokenTenants.get(this.homeAccountId) ?? []) tenants.add(tenant);
    }
    this.#tenantIds = [...tenants];
    return this.#tenantIds;
  }

  get refreshTokens(): readonly RefreshTokenSource[] {
    if (this.#ordered) return this.#refreshTokens;
    const { client } = this.#context;
    this.#refreshTokens = [...this.#refreshTokens].sort(
      (a, b) =>
        Number(b.token.clientId === client) - Number(a.token.clientId === client) ||
        b.token.lastModified - a.token.lastModified,
    );
    this.#ordered = true;
    return this.#refreshTokens;
  }
}

/** The tenant part of `<object id>.<tenant id>`, lower case (`""` without one). */
function homeTenantOf(homeAccountId: string): string {
  const start = homeAccountId.indexOf(".") + 1;
  if (start === 0) return "";
  const end = homeAccountId.indexOf(".", start);
  return homeAccountId.slice(start, end === -1 ? undefined : end).toLowerCase();
}
