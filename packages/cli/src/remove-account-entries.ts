// The edit `entrakit logout` makes to one serialized MSAL cache. Pure: it never mutates its
// input, so a failed save leaves nothing half-changed in memory.
import type { CacheJson } from "@entrakit/cache-persistence";

/** Which entries to remove. */
export interface AccountRemoval {
  /** MSAL's home account id, `<object id>.<home tenant id>`. */
  readonly homeAccountId: string;
  /** The client id whose tokens go; compared case-insensitively. */
  readonly clientId: string;
  /** True for a cached `environment` of the account's cloud. */
  readonly matchesEnvironment: (environment: unknown) => boolean;
}

/** What {@link removeAccountEntries} did. */
export interface RemovalResult {
  /** The edited cache (the input when nothing was removed). */
  readonly cache: CacheJson;
  /** Account entries removed. */
  readonly accounts: number;
  /** Access, refresh and id tokens removed. */
  readonly tokens: number;
  /** True when tokens of other client ids for the account remain, so its Account entries stay. */
  readonly otherClientsRemain: boolean;
}

const tokenSections = ["AccessToken", "RefreshToken", "IdToken"] as const;

/**
 * Removes an account's tokens issued to one client, and the account's Account entries once no
 * other client's tokens for it remain. Every other section and entry stays as it was.
 *
 * @param cache - a cache as `parseCacheJson` returned it.
 * @param removal - the account, client and cloud.
 */
export function removeAccountEntries(cache: CacheJson, removal: AccountRemoval): RemovalResult {
  const isAccounts = (entry: Record<string, unknown>) =>
    entry.home_account_id === removal.homeAccountId &&
    removal.matchesEnvironment(entry.environment);
  const isOurs = (entry: Record<string, unknown>) =>
    isAccounts(entry) &&
    typeof entry.client_id === "string" &&
    entry.client_id.toLowerCase() === removal.clientId.toLowerCase();
  const edited: CacheJson = { ...cache };
  let tokens = 0;
  let otherClientsRemain = false;
  for (const section of tokenSections) {
    const entries = sectionOf(cache, section);
    if (entries === undefined) continue;
    // Object.fromEntries defines own properties, so even a key such as "__proto__" survives.
    const kept = Object.entries(entries).filter(([, entry]) => {
      if (isOurs(entry)) {
        tokens++;
        return false;
      }
      if (isAccounts(entry)) otherClientsRemain = true;
      return true;
    });
    edited[section] = Object.fromEntries(kept);
  }
  let accounts = 0;
  const accountEntries = sectionOf(cache, "Account");
  if (accountEntries !== undefined && !otherClientsRemain) {
    const kept = Object.entries(accountEntries).filter(([, entry]) => !isAccounts(entry));
    accounts = Object.keys(accountEntries).length - kept.length;
    edited.Account = Object.fromEntries(kept);
  }
  if (tokens === 0 && accounts === 0) return { cache, accounts, tokens, otherClientsRemain };
  return { cache: edited, accounts, tokens, otherClientsRemain };
}

function sectionOf(
  cache: CacheJson,
  section: string,
): Record<string, Record<string, unknown>> | undefined {
  const value = cache[section];
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, Record<string, unknown>>)
    : undefined;
}
