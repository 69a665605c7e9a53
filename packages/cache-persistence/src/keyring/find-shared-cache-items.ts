import { checkCacheName } from "../cache-name";
import {
  type LibsecretItem,
  type LibsecretItemShape,
  libsecretItemFor,
  sameAttributes,
  storedAttributes,
} from "./libsecret-item";
import { createSecretTool } from "./secret-tool";

/** A libsecret item holding a shared cache, without its secret. */
export interface SharedCacheItem {
  /** Whose layout it is. */
  readonly shape: LibsecretItemShape;
  /** The exact item; pass it as `linuxItem` to read and write back to this very item. */
  readonly item: LibsecretItem;
  /** The label the writing tool gave it. */
  readonly label: string;
}

/** Options of {@link findSharedCacheItems}. */
export interface FindSharedCacheItemsOptions {
  /** The cache name. @defaultValue `"msal.cache"` */
  name?: string;
  /** The `secret-tool` executable. @defaultValue `"secret-tool"` */
  secretToolPath?: string;
  /** @defaultValue `process.platform` */
  platform?: NodeJS.Platform;
}

/**
 * Reports which of the known Linux layouts (`"dotnet"`, `"python"`, `"msal-node"`) hold the
 * named cache in the Secret Service, so a credential can read the cache wherever another tool
 * put it and write back to that item. Uses `secret-tool` (Debian: libsecret-tools). On other
 * platforms there is one layout and the result is empty.
 *
 * @throws CredentialUnavailableError `keyring_unavailable` when the Secret Service cannot be
 * reached, `optional_dependency_missing` when secret-tool is not installed.
 * @example
 * ```ts
 * const [found] = await findSharedCacheItems();
 * const persistence = found && createKeyringPersistence({ linuxItem: found.item });
 * ```
 */
export async function findSharedCacheItems(
  options: FindSharedCacheItemsOptions = {},
): Promise<SharedCacheItem[]> {
  const platform = options.platform ?? process.platform;
  if (platform !== "linux") return [];
  const name = checkCacheName(options.name);
  const tool = createSecretTool(options.secretToolPath ?? "secret-tool", platform);
  // Python's and .NET's items share the schema and MsalClientID (.NET adds one attribute), so
  // one search finds both; keytar's item has other attributes and gets its own search. The two
  // run at once: each secret-tool run is a process and a D-Bus round trip (tens of ms), and three
  // in a row made a third of a cold start on Linux.
  const python = libsecretItemFor("python", name);
  const keytar = libsecretItemFor("msal-node", name);
  const [schemaMatches, keytarMatches] = await Promise.all([
    tool.search(storedAttributes(python)),
    tool.search(storedAttributes(keytar)),
  ]);
  const found: SharedCacheItem[] = [];
  const candidates = [
    { shape: "dotnet", item: libsecretItemFor("dotnet", name), matches: schemaMatches },
    { shape: "python", item: python, matches: schemaMatches },
    { shape: "msal-node", item: keytar, matches: keytarMatches },
  ] as const;
  for (const { shape, item, matches } of candidates) {
    const attributes = storedAttributes(item);
    const exact = matches.find((match) => sameAttributes(match.attributes, attributes));
    if (exact) found.push({ shape, item, label: exact.label });
  }
  return found;
}
