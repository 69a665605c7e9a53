import { defaultCacheName, resolveCacheDirectory } from "@entrakit/cache-persistence";
import {
  type CredentialUnavailableError,
  formatLogLine,
  isCredentialUnavailableError,
} from "@entrakit/core";
import { type SharedCacheAccount, SharedTokenCacheCredential } from "@entrakit/shared-cache";
import { type CredentialSettings, credentialBaseOptions } from "./credential-settings";
import { logger } from "./logger";

/**
 * The SharedTokenCacheCredential of `token`, `accounts` and `logout`: the shared cache
 * (`msal.cache`, `.nocae`, `.cae`) in the keyring and in the cache directory's files.
 *
 * @param settings - the resolved common options; `--tenant` chooses home and guest tenants.
 * @param username - `--username`.
 */
export function createSharedCredential(
  settings: CredentialSettings,
  username?: string,
): SharedTokenCacheCredential {
  return new SharedTokenCacheCredential({
    ...credentialBaseOptions(settings),
    clientId: settings.clientId,
    tokenCachePersistenceOptions: { name: defaultCacheName },
    ...(username === undefined ? {} : { username }),
    // `--tenant` asks for a token from that tenant, as `az account get-access-token --tenant`
    // does, so an account that is a guest there qualifies too.
    ...(settings.tenantId === undefined
      ? {}
      : { tenantId: settings.tenantId, enableGuestTenantAuthentication: true }),
    ...(settings.cacheDirectory === undefined ? {} : { cacheDirectory: settings.cacheDirectory }),
  });
}

/** The accounts found, and why the keyring could not be read if it could not. */
export interface SignedInAccounts {
  readonly accounts: SharedCacheAccount[];
  /** Set when no cache could be read because the keyring is unusable (then `accounts` is empty). */
  readonly keyringFailure?: CredentialUnavailableError;
}

const keyringCodes = new Set(["keyring_unavailable", "optional_dependency_missing"]);

/**
 * The accounts the credential can choose from. A keyring that cannot be read, with no other
 * cache readable, counts as "no accounts": on machines without a keyring that is the normal
 * state before the first sign-in.
 *
 * @throws CredentialUnavailableError for other cache failures (damaged, unreadable files).
 */
export async function listSignedInAccounts(
  credential: SharedTokenCacheCredential,
): Promise<SignedInAccounts> {
  try {
    return { accounts: await credential.listAccounts() };
  } catch (error) {
    if (!isCredentialUnavailableError(error) || !keyringCodes.has(error.code)) throw error;
    logger.verbose(
      formatLogLine("entrakit", "accounts", "the keyring could not be read", { code: error.code }),
    );
    return { accounts: [], keyringFailure: error };
  }
}

/** The cache directory for messages, or a description when it is unknown. */
export function cacheDirectoryText(
  settings: CredentialSettings,
  platform: NodeJS.Platform,
): string {
  try {
    return resolveCacheDirectory({
      env: settings.env,
      platform,
      ...(settings.cacheDirectory === undefined ? {} : { directory: settings.cacheDirectory }),
    });
  } catch {
    return "the default cache directory";
  }
}
