/**
 * The keyring backends' common seam: one secret that can be read, written, removed, and copied
 * aside. Implementations: keytar through msal-node-extensions (libsecret, Keychain), DPAPI
 * through msal-node-extensions (Windows), and secret-tool for exact libsecret items.
 */
import { isEntrakitError } from "@entrakit/core";
import { cachePersistenceError } from "../errors/cache-persistence-error";
import { keyringUnavailableError } from "../errors/keyring-errors";
import { type LibsecretItem, sameAttributes, storedAttributes } from "./libsecret-item";
import type { MsalExtensionsPersistence } from "./msal-extensions";
import type { SecretTool } from "./secret-tool";

/** One secret in an OS keyring. */
export interface SecretStore {
  read(): Promise<string | undefined>;
  write(secret: string): Promise<void>;
  remove(): Promise<void>;
  /** Keeps a copy of `secret` next to the item; returns where, for the log. */
  writeAside(stamp: string, secret: string): Promise<string>;
}

const keyringErrorCodes = new Set([
  "GnomeKeyringError",
  "KeychainError",
  "DPAPIEncryptedFileError",
]);

/** Maps an msal-node-extensions / keytar failure to a typed error. */
export function toKeyringError(error: unknown, platform: NodeJS.Platform): Error {
  if (isEntrakitError(error)) return error;
  const errorCode = (error as { errorCode?: unknown } | null)?.errorCode;
  if (typeof errorCode === "string" && !keyringErrorCodes.has(errorCode)) {
    return cachePersistenceError(
      `KeyringPersistence: the keyring's marker file could not be used (${errorCode}). Check that the cache directory is writable.`,
      "cache_write_failed",
      error,
    );
  }
  return keyringUnavailableError(error, platform);
}

/** A store over msal-node-extensions persistences; `open(account)` creates one per account. */
export function msalExtensionsStore(
  open: (suffix: string | undefined) => Promise<MsalExtensionsPersistence>,
  platform: NodeJS.Platform,
  asideName: (stamp: string) => string,
): SecretStore {
  let main: Promise<MsalExtensionsPersistence> | undefined;
  const persistence = () => {
    main ??= open(undefined).catch((error) => {
      main = undefined;
      throw error;
    });
    return main;
  };
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw toKeyringError(error, platform);
    }
  };
  return {
    read: () => guard(async () => (await (await persistence()).load()) ?? undefined),
    write: (secret) => guard(async () => (await persistence()).save(secret)),
    remove: () => guard(async () => void (await (await persistence()).delete())),
    writeAside: (stamp, secret) =>
      guard(async () => {
        await (await open(`.corrupt-${stamp}`)).save(secret);
        return asideName(stamp);
      }),
  };
}

/** A store over one exact libsecret item, through secret-tool. */
export function secretToolStore(tool: SecretTool, item: LibsecretItem): SecretStore {
  const attributes = storedAttributes(item);
  const find = async () => {
    const found = await tool.search(attributes);
    return { exact: found.find((f) => sameAttributes(f.attributes, attributes)), all: found };
  };
  return {
    read: async () => (await find()).exact?.secret,
    async write(secret) {
      const { exact, all } = await find();
      // gnome-keyring replaces the first item whose attributes include the new item's, so storing
      // the Python item could overwrite the .NET item (same attributes plus one). Refuse instead.
      if (all.some((found) => found !== exact)) throw shadowedError();
      await tool.store(item.label, attributes, secret);
    },
    async remove() {
      const { exact, all } = await find();
      // secret-tool clear removes every item whose attributes include these, e.g. the .NET item
      // when clearing the Python one; refuse rather than delete another tool's cache.
      if (all.some((found) => found !== exact)) throw shadowedError();
      if (exact) await tool.clear(attributes);
    },
    async writeAside(stamp, secret) {
      await tool.store(
        `${item.label} (corrupt ${stamp})`,
        { ...attributes, "entrakit.corrupt": stamp },
        secret,
      );
      return `libsecret item with entrakit.corrupt=${stamp}`;
    },
  };
}

function shadowedError() {
  return cachePersistenceError(
    "KeyringPersistence: another keyring item carries this item's attributes plus more (e.g. the .NET item beside the Python one), and the Secret Service could replace or delete it instead of this one. Write to that item instead (linuxItem from findSharedCacheItems()), or remove one of the two with a keyring manager such as Seahorse.",
    "cache_write_failed",
  );
}
