import { type CacheJson, type CachePersistence, parseCacheJson } from "@entrakit/cache-persistence";
import { isCredentialUnavailableError } from "@entrakit/core";
import { CliError } from "../cli-error";
import { cloudMatcher } from "../cloud-matcher";
import type { CommandContext } from "../command-context";
import type { CommandOptions } from "../command-line";
import { type CredentialSettings, resolveCredentialSettings } from "../credential-settings";
import { exitCodes } from "../exit-codes";
import { type AccountRemoval, removeAccountEntries } from "../remove-account-entries";
import { entrakitCachePlaces } from "../shared-cache-places";
import { createSharedCredential, listSignedInAccounts } from "../shared-credential";

interface CachedAccount {
  readonly username: string;
  readonly homeAccountId: string;
  readonly homeTenantId: string;
}

interface LoadedPlace {
  readonly place: CachePersistence;
  readonly cache: CacheJson;
}

const keyringCodes = new Set(["keyring_unavailable", "optional_dependency_missing"]);
const maxSaveAttempts = 5;

/**
 * `entrakit logout`: removes one account's tokens of this client id (and its Account entries
 * when no other client's tokens remain) from the caches entrakit writes. See `logout --help`.
 *
 * @throws {@link CliError} `no_account` / `multiple_accounts` (exit 2); cache errors (exit 4).
 */
export async function runLogout(options: CommandOptions, context: CommandContext): Promise<void> {
  const settings = await resolveCredentialSettings(options, context);
  const matchesCloud = cloudMatcher(settings.authorityHost);
  const loaded = await loadPlaces(entrakitCachePlaces(settings, context.platform), context);
  const account = chooseAccount(loaded, matchesCloud, options);
  const removal: AccountRemoval = {
    homeAccountId: account.homeAccountId,
    clientId: settings.clientId,
    matchesEnvironment: matchesCloud,
  };
  let removed = 0;
  for (const { place } of loaded) {
    const edit = () => removeFrom(place, removal, context);
    const result = place.withLock
      ? await place.withLock(edit, abortOptions(context))
      : await edit();
    removed += result.tokens + result.accounts;
    if (result.tokens > 0 || result.accounts > 0) {
      context.out(
        `Removed ${account.username}'s ${count(result.tokens, "token")} and ${count(result.accounts, "account entry", "account entries")} from ${place.description}.`,
      );
    }
    if (result.otherClientsRemain) {
      context.err(
        `Kept ${account.username}'s account entry in ${place.description}: other apps' tokens for it remain there.`,
      );
    }
  }
  if (removed === 0) {
    throw new CliError(
      `entrakit logout: ${account.username} has no tokens of client ${settings.clientId} in entrakit's caches, only other apps' entries. Nothing was removed; pass the --client-id that signed in.`,
      "no_account",
      exitCodes.authenticationRequired,
    );
  }
  context.out(`Signed out ${account.username}.`);
  await reportStillUsable(settings, account, context);
}

async function loadPlaces(
  places: CachePersistence[],
  context: CommandContext,
): Promise<LoadedPlace[]> {
  const loaded: LoadedPlace[] = [];
  for (const place of places) {
    let data: string | undefined;
    try {
      data = (await place.load(abortOptions(context)))?.data;
    } catch (error) {
      // No keyring here means nothing was stored there; the files are still searched.
      if (isCredentialUnavailableError(error) && keyringCodes.has(error.code)) continue;
      throw error;
    }
    if (data === undefined) continue;
    loaded.push({ place, cache: parse(data, place) });
  }
  return loaded;
}

function chooseAccount(
  loaded: readonly LoadedPlace[],
  matchesCloud: (environment: unknown) => boolean,
  options: CommandOptions,
): CachedAccount {
  const byId = new Map<string, CachedAccount>();
  for (const { cache } of loaded) {
    const entries = cache.Account;
    if (typeof entries !== "object" || entries === null) continue;
    for (const entry of Object.values(entries as Record<string, Record<string, unknown>>)) {
      const id = entry.home_account_id;
      if (typeof id !== "string" || !matchesCloud(entry.environment) || byId.has(id)) continue;
      byId.set(id, {
        username: typeof entry.username === "string" ? entry.username : "(no username)",
        homeAccountId: id,
        homeTenantId: id.split(".")[1] ?? "",
      });
    }
  }
  const all = [...byId.values()];
  const username = options.username?.toLowerCase();
  const tenant = options.tenant?.toLowerCase();
  const matches = all.filter(
    (account) =>
      (username === undefined || account.username.toLowerCase() === username) &&
      (tenant === undefined || account.homeTenantId.toLowerCase() === tenant),
  );
  const listed = all
    .map((account) => `${account.username} (tenant ${account.homeTenantId})`)
    .join(", ");
  if (matches.length === 0) {
    const filter = options.username === undefined && options.tenant === undefined ? "" : " matches";
    throw new CliError(
      all.length === 0
        ? "entrakit logout: no account is signed in with entrakit in the shared cache. Nothing was removed."
        : `entrakit logout: no account signed in with entrakit${filter} (accounts: ${listed}). Pass one of them as --username; nothing was removed.`,
      "no_account",
      exitCodes.authenticationRequired,
    );
  }
  if (matches.length > 1) {
    throw new CliError(
      `entrakit logout: several accounts are signed in (${matches.map((account) => `${account.username} (tenant ${account.homeTenantId})`).join(", ")}). Pass --username (and --tenant) to choose one; nothing was removed.`,
      "multiple_accounts",
      exitCodes.authenticationRequired,
    );
  }
  return matches[0] as CachedAccount;
}

// Reads, edits and saves under the place's lock; a save that lost a race is redone on the
// newer cache, so another process's concurrent write is never overwritten.
async function removeFrom(
  place: CachePersistence,
  removal: AccountRemoval,
  context: CommandContext,
) {
  for (let attempt = 0; attempt < maxSaveAttempts; attempt++) {
    const snapshot = await place.load(abortOptions(context));
    if (snapshot === undefined) return { tokens: 0, accounts: 0, otherClientsRemain: false };
    const result = removeAccountEntries(parse(snapshot.data, place), removal);
    if (result.tokens === 0 && result.accounts === 0) return result;
    const saved = await place.save(
      JSON.stringify(result.cache),
      snapshot.version,
      abortOptions(context),
    );
    if (!saved.conflict) return result;
  }
  throw new CliError(
    `entrakit logout: ${place.description} kept changing while it was being edited (${maxSaveAttempts} attempts). Retry when other tools are idle.`,
    "cache_save_conflict",
    exitCodes.cache,
  );
}

function parse(data: string, place: CachePersistence): CacheJson {
  const parsed = parseCacheJson(data);
  if (parsed.ok) return parsed.cache;
  throw new CliError(
    `entrakit logout: ${place.description} is not a readable token cache (${parsed.reason}). Move it aside or delete it, then sign in again.`,
    "cache_unreadable",
    exitCodes.cache,
  );
}

async function reportStillUsable(
  settings: CredentialSettings,
  account: CachedAccount,
  context: CommandContext,
): Promise<void> {
  const credential = createSharedCredential({ ...settings, tenantId: undefined });
  try {
    const { accounts } = await listSignedInAccounts(credential);
    if (accounts.some((candidate) => candidate.homeAccountId === account.homeAccountId)) {
      context.err(
        `note: ${account.username} still has refresh tokens other apps cached (the Microsoft app family shares them), so \`entrakit token\` can still use the account. Sign out of those apps to remove them.`,
      );
    }
  } catch {
    // Only a note depends on it; the removal itself is done.
  } finally {
    await credential.close();
  }
}

function abortOptions(context: CommandContext): { abortSignal?: AbortSignal } {
  return context.signal === undefined ? {} : { abortSignal: context.signal };
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
