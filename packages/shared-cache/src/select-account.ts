/**
 * Chooses the one account a credential uses, and explains in the error, when it cannot, which
 * accounts there are and what to pass. The first sentences are the anchors' own wording, so
 * people searching for them find the answers written for the other SDKs.
 */
import { CredentialUnavailableError } from "@entrakit/core";
import type { AccountDirectory } from "./account-directory";
import { type AccountView, sortAccountViews } from "./account-view";

/** How the account is chosen. */
export interface AccountCriteria {
  /** From an authentication record: picks by home account id only. */
  readonly homeAccountId?: string | undefined;
  /** Compared case-insensitively. */
  readonly username?: string | undefined;
  /** The home tenant; with `enableGuestTenantAuthentication` any tenant of the account. */
  readonly tenantId?: string | undefined;
  readonly enableGuestTenantAuthentication?: boolean | undefined;
}

/** What the messages may mention besides the accounts. */
export interface SelectionContext {
  /** Every place that was looked at. */
  readonly lookedIn: readonly string[];
  /** Why some places could not be read. */
  readonly failures: readonly CredentialUnavailableError[];
}

const unavailable = "SharedTokenCacheCredential authentication unavailable.";
const shownAccounts = 10;
const signIn =
  "Sign in with a Microsoft developer tool (for example Azure CLI's `az login`, or AuthorizationCodeCredential with tokenCachePersistenceOptions enabled), then retry.";

/**
 * Returns the single account matching `criteria`.
 *
 * @throws CredentialUnavailableError `no_accounts`, `no_matching_account` or
 * `multiple_matching_accounts` (listing the accounts sorted by username, and what to pass);
 * when no account was found and a place could not be read, that failure's code (e.g.
 * `keyring_unavailable`) with it as `cause`.
 */
export function selectAccount(
  accounts: readonly AccountView[],
  criteria: AccountCriteria,
  context: SelectionContext,
): AccountView {
  if (accounts.length === 0) throw noAccounts(context);
  const matches = accounts.filter(matcherOf(criteria));
  if (matches.length === 1) return matches[0] as AccountView;
  if (matches.length > 1) {
    const nameOnly = criteria.username !== undefined && criteria.tenantId === undefined;
    const sorted = sortAccountViews(matches);
    return throwError(
      `${unavailable} Multiple accounts were found in the cache. Use username and tenant id to disambiguate. ${listing("Matching accounts", sorted)} ${nameOnly ? "Pass tenantId as well" : "Pass username (and tenantId when one username appears more than once)"}, e.g. ${example(sorted[0] as AccountView)}, or an authenticationRecord.`,
      "multiple_matching_accounts",
      context,
    );
  }
  const wanted =
    criteria.homeAccountId !== undefined
      ? `No account matching the authentication record (home account id: ${criteria.homeAccountId}) was found in the cache.`
      : `No account matching the specified${criteria.username ? ` username: ${criteria.username}` : ""}${criteria.tenantId ? ` tenantId: ${criteria.tenantId}` : ""} was found in the cache.`;
  const guestHint =
    criteria.tenantId !== undefined &&
    !criteria.enableGuestTenantAuthentication &&
    accounts.some((account) => account.tenantIds.includes(criteria.tenantId?.toLowerCase() ?? ""))
      ? " The tenant is a guest tenant of a cached account: set enableGuestTenantAuthentication to choose accounts by guest tenants."
      : "";
  const sorted = sortAccountViews(accounts);
  return throwError(
    `${unavailable} ${wanted} ${listing("Accounts in the cache", sorted)} Pass one of these as username (and tenantId), e.g. ${example(sorted[0] as AccountView)}, or sign in as the account you want, then retry.${guestHint}`,
    "no_matching_account",
    context,
  );
}

/**
 * Returns the single account of `directory` matching `criteria`: from the few candidates the
 * criteria name when exactly one of them matches (then it is also the only match among all
 * accounts, since candidates leave none out), else as {@link selectAccount} over all accounts.
 *
 * @throws what {@link selectAccount} throws.
 */
export function selectAccountFrom(
  directory: AccountDirectory,
  criteria: AccountCriteria,
  context: SelectionContext,
): AccountView {
  const candidates = directory.candidates(criteria);
  const matches = candidates?.filter(matcherOf(criteria));
  if (matches?.length === 1) return matches[0] as AccountView;
  return selectAccount(directory.all(), criteria, context);
}

/** A test for accounts that fit `criteria`. */
function matcherOf(criteria: AccountCriteria): (account: AccountView) => boolean {
  const { homeAccountId, enableGuestTenantAuthentication } = criteria;
  if (homeAccountId !== undefined) return (account) => account.homeAccountId === homeAccountId;
  const username = criteria.username?.toLowerCase();
  const tenant = criteria.tenantId?.toLowerCase();
  return (account) => {
    if (username !== undefined && account.username.toLowerCase() !== username) return false;
    if (tenant === undefined) return true;
    // Guest profiles are worked out only here: choosing by home tenant never needs them.
    return enableGuestTenantAuthentication
      ? account.tenantIds.includes(tenant)
      : account.homeTenantId === tenant;
  };
}

/** `alice@contoso.com (tenant 1111…)`, one per account in the order given, at most ten. */
export function describeAccounts(accounts: readonly AccountView[]): string {
  const shown = accounts.slice(0, shownAccounts).map((account) => {
    const guests = account.tenantIds.filter((tenant) => tenant !== account.homeTenantId);
    const guestText = guests.length > 0 ? `; guest in ${guests.join(", ")}` : "";
    return `${account.username || "(no username)"} (tenant ${account.homeTenantId}${guestText})`;
  });
  const more = accounts.length - shown.length;
  return `${shown.join(", ")}${more > 0 ? ` and ${more} more (see listAccounts())` : ""}`;
}

function listing(title: string, accounts: readonly AccountView[]): string {
  return `${title}: ${describeAccounts(accounts)}.`;
}

function example(account: AccountView): string {
  return `{ username: ${JSON.stringify(account.username)}, tenantId: ${JSON.stringify(account.homeTenantId)} }`;
}

function noAccounts(context: SelectionContext): CredentialUnavailableError {
  const where = context.lookedIn.length > 0 ? ` Looked in: ${context.lookedIn.join(", ")}.` : "";
  return unavailableError(
    `${unavailable} No accounts were found in the cache.${where} ${signIn}`,
    "no_accounts",
    context,
    true,
  );
}

function throwError(message: string, code: string, context: SelectionContext): never {
  throw unavailableError(message, code, context, code !== "multiple_matching_accounts");
}

// When the account may sit in a place that could not be read, that failure is the likelier
// reason: it gives the code, so the fix (unlock the keyring, install a package) is not buried.
function unavailableError(
  message: string,
  code: string,
  context: SelectionContext,
  failureLeads: boolean,
): CredentialUnavailableError {
  const failure = context.failures[0];
  if (failure === undefined) return new CredentialUnavailableError(message, { code });
  const more = context.failures.length - 1;
  return new CredentialUnavailableError(
    `${message} Some caches could not be read: ${failure.message}${more > 0 ? ` (and ${more} more)` : ""}`,
    { code: failureLeads ? failure.code : code, cause: failure },
  );
}
