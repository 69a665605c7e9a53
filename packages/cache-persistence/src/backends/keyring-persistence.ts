/**
 * The OS keyring backend: libsecret (Linux), Keychain (macOS), DPAPI (Windows), all through
 * `@azure/msal-node-extensions`, loaded on first use; exact libsecret items through secret-tool.
 * Change detection is by content: the keyring has no cheap version to ask for (see the README),
 * so each check reads the secret, but an unchanged secret is neither hashed nor parsed again.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { formatLogLine, systemClock } from "@entrakit/core";
import { cacheSnapshot } from "../cache-json/cache-snapshot";
import { parseCacheJson } from "../cache-json/parse-cache-json";
import { checkCacheName } from "../cache-name";
import type {
  CachePersistence,
  CacheSnapshot,
  PersistenceCallOptions,
  SaveResult,
} from "../cache-persistence";
import { cachePersistenceError } from "../errors/cache-persistence-error";
import { keyringUnavailableError } from "../errors/keyring-errors";
import { resolveCacheDirectory } from "../file/cache-directory";
import { ensureCacheDirectory, refuseSymlink, writeCacheFileAtomic } from "../file/cache-file-io";
import { checkMaxCacheBytes } from "../file/check-max-bytes";
import type { KeyringPersistenceOptions } from "../keyring/keyring-persistence-options";
import {
  describeItem,
  keytarAccountFor,
  type LibsecretItem,
  libsecretItemFor,
  sameAttributes,
  sharedCacheService,
} from "../keyring/libsecret-item";
import { importMsalExtensions, loadMsalExtensions } from "../keyring/msal-extensions";
import { msalExtensionsStore, type SecretStore, secretToolStore } from "../keyring/secret-store";
import { createSecretTool } from "../keyring/secret-tool";
import { withFileLock } from "../lock/file-lock";
import { resolveLockOptions } from "../lock/lock-options";
import { logger } from "../logger";

const component = "KeyringPersistence";

/**
 * Keeps the cache in the OS keyring. For the default name `msal.cache` it uses the items other
 * Microsoft tools use (Keychain service `Microsoft.Developer.IdentityService`, account
 * `MSALCache`; on Linux the layout chosen by `linuxItem`); other names derive their own. The
 * file `<directory>/<name>` is touched on each write so tools that watch its mtime reload.
 *
 * Needs the optional peer `@azure/msal-node-extensions` (except for secret-tool items); nothing
 * native loads until the first call.
 *
 * @throws InvalidArgumentError or TypeError for bad options. Calls throw `keyring_unavailable`
 * when no keyring is usable and `optional_dependency_missing` when a package is missing.
 * @example
 * ```ts
 * const persistence = createKeyringPersistence(); // the cache shared with developer tools
 * const plugin = createCachePlugin(persistence);
 * ```
 */
export function createKeyringPersistence(
  options: KeyringPersistenceOptions = {},
): CachePersistence {
  const platform = options.platform ?? process.platform;
  const name = checkCacheName(options.name);
  const directory = resolveCacheDirectory(options);
  const markerPath = join(directory, name);
  const clock = options.clock ?? systemClock;
  const lockContext = { clock, options: resolveLockOptions(options.lock) };
  const maxCacheBytes = checkMaxCacheBytes(options.maxCacheBytes);
  const target = describeTarget(platform, name, options);
  const loader = options.loadMsalExtensions ?? importMsalExtensions;
  // Versions whose content was copied aside as unreadable: a save may replace them.
  const setAside = new Set<string>();
  let lastUsable: CacheSnapshot | undefined;

  let opened: Promise<SecretStore> | undefined;
  const store = () => {
    opened ??= openStore().catch((error) => {
      opened = undefined;
      throw error;
    });
    return opened;
  };

  async function openStore(): Promise<SecretStore> {
    if (target.kind === "secret-tool") {
      return secretToolStore(
        createSecretTool(options.secretToolPath ?? "secret-tool", platform),
        target.item,
      );
    }
    if (target.kind === "unsupported") {
      throw keyringUnavailableError(new Error(`${platform} has no supported OS keyring`), platform);
    }
    const extensions = await loadMsalExtensions(loader, platform);
    await ensureCacheDirectory(directory, component);
    await refuseSymlink(markerPath, component);
    if (target.kind === "dpapi") {
      return msalExtensionsStore(
        (suffix) =>
          extensions.FilePersistenceWithDataProtection.create(
            suffix ? `${markerPath}${suffix}` : markerPath,
            extensions.DataProtectionScope.CurrentUser as never,
          ),
        platform,
        (stamp) => `${markerPath}.corrupt-${stamp}`,
      );
    }
    const kind =
      target.kind === "keychain" ? extensions.KeychainPersistence : extensions.LibSecretPersistence;
    const account = target.account;
    return msalExtensionsStore(
      (suffix) => kind.create(markerPath, sharedCacheService, `${account}${suffix ?? ""}`),
      platform,
      (stamp) => `account ${account}.corrupt-${stamp}`,
    );
  }

  const withLock = async <T>(
    fn: () => Promise<T>,
    callOptions?: PersistenceCallOptions,
  ): Promise<T> => {
    await ensureCacheDirectory(directory, component);
    return withFileLock(`${markerPath}.lockfile`, fn, lockContext, callOptions?.abortSignal);
  };

  /** Reads the secret; unreadable content is copied aside (once) and reads as nothing. */
  async function readUsable(callOptions?: PersistenceCallOptions) {
    const secretStore = await store();
    const text = await secretStore.read();
    if (text === undefined || text.trim() === "") return undefined;
    // The secret usually is what it was last time: a string comparison instead of hash + parse.
    if (lastUsable?.data === text) return lastUsable;
    if (Buffer.byteLength(text) > maxCacheBytes) {
      throw cachePersistenceError(
        `${component}: the cache in ${target.description} is larger than maxCacheBytes (${maxCacheBytes}). Delete the item or raise maxCacheBytes.`,
        "cache_too_large",
      );
    }
    const version = hashOf(text);
    if (setAside.has(version)) return undefined;
    const parsed = parseCacheJson(text);
    if (parsed.ok) {
      lastUsable = cacheSnapshot(text, version, parsed.cache);
      return lastUsable;
    }
    await withLock(async () => {
      const again = await secretStore.read();
      if (again === undefined || hashOf(again) !== version || setAside.has(version)) return;
      const where = await secretStore.writeAside(stampOf(clock.now()), again);
      setAside.add(version);
      logger.warning(
        formatLogLine(
          component,
          "load",
          "the cache could not be parsed; copied it aside and continued with an empty cache",
          {
            reason: parsed.reason,
            movedTo: where,
          },
        ),
      );
    }, callOptions);
    return undefined;
  }

  return {
    description: target.description,
    encrypted: true,
    load: (callOptions) => readUsable(callOptions),
    async save(data, expectedVersion, callOptions): Promise<SaveResult> {
      return withLock(async () => {
        const current = await readUsable(callOptions);
        if (current?.version !== expectedVersion) return { conflict: true };
        // msal-node-extensions rewrites the marker file in place, which would follow a link.
        if (target.kind === "libsecret" || target.kind === "keychain")
          await refuseSymlink(markerPath, component);
        await (await store()).write(data);
        if (target.kind === "secret-tool") await touchMarker(markerPath);
        return { version: hashOf(data) };
      }, callOptions);
    },
    async delete(callOptions) {
      await withLock(async () => (await store()).remove(), callOptions);
    },
    withLock,
  };
}

type Target =
  | { kind: "libsecret"; account: string; description: string }
  | { kind: "keychain"; account: string; description: string }
  | { kind: "secret-tool"; item: LibsecretItem; description: string }
  | { kind: "dpapi"; description: string }
  | { kind: "unsupported"; description: string };

function describeTarget(
  platform: NodeJS.Platform,
  name: string,
  options: KeyringPersistenceOptions,
): Target {
  const account = keytarAccountFor(name);
  if (platform === "darwin") {
    return {
      kind: "keychain",
      account,
      description: `keyring Keychain service=${sharedCacheService} account=${account}`,
    };
  }
  if (platform === "win32") {
    const path = join(resolveCacheDirectory(options), name);
    return { kind: "dpapi", description: `DPAPI-encrypted file ${path}` };
  }
  if (platform !== "linux")
    return { kind: "unsupported", description: `keyring (none on ${platform})` };
  const choice = options.linuxItem ?? "msal-node";
  const item = typeof choice === "string" ? libsecretItemFor(choice, name) : checkItem(choice);
  const keytarItem = libsecretItemFor("msal-node", name);
  if (item.schema === keytarItem.schema && sameAttributes(item.attributes, keytarItem.attributes)) {
    return { kind: "libsecret", account, description: `keyring libsecret ${describeItem(item)}` };
  }
  return { kind: "secret-tool", item, description: `keyring libsecret ${describeItem(item)}` };
}

function checkItem(item: LibsecretItem): LibsecretItem {
  const valid =
    typeof item === "object" &&
    item !== null &&
    typeof item.schema === "string" &&
    item.schema.length > 0 &&
    typeof item.label === "string" &&
    typeof item.attributes === "object" &&
    item.attributes !== null &&
    Object.values(item.attributes).every((value) => typeof value === "string") &&
    !Object.hasOwn(item.attributes, "xdg:schema");
  if (!valid) {
    throw new TypeError(
      "KeyringPersistence: linuxItem must be { schema, attributes, label } with string attribute values and the schema outside attributes. Pass an item from findSharedCacheItems() or libsecretItemFor().",
    );
  }
  return item;
}

async function touchMarker(path: string): Promise<void> {
  // Other tools reload when this file's mtime moves; it holds an empty cache, never the secret.
  await writeCacheFileAtomic(path, Buffer.from("{}"), component);
}

function hashOf(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("base64url");
}

function stampOf(now: number): string {
  return new Date(now).toISOString().replace(/[-:]/g, "").replace(".", "");
}
