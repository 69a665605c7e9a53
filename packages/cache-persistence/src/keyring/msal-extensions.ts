/**
 * The slice of `@azure/msal-node-extensions` the keyring backend uses, declared structurally so
 * this package's types do not depend on an optional peer. The module (and keytar, a native
 * module) is imported only when a keyring backend first touches its store.
 */
import { keyringUnavailableError, msalExtensionsMissingError } from "../errors/keyring-errors";

/** An msal-node-extensions persistence (`LibSecretPersistence`, `KeychainPersistence`, ...). */
export interface MsalExtensionsPersistence {
  save(contents: string): Promise<void>;
  load(): Promise<string | null>;
  delete(): Promise<boolean>;
}

/** The exports of `@azure/msal-node-extensions` used here. */
export interface MsalNodeExtensionsModule {
  readonly LibSecretPersistence: {
    create(
      fileLocation: string,
      serviceName: string,
      accountName: string,
    ): Promise<MsalExtensionsPersistence>;
  };
  readonly KeychainPersistence: {
    create(
      fileLocation: string,
      serviceName: string,
      accountName: string,
    ): Promise<MsalExtensionsPersistence>;
  };
  readonly FilePersistenceWithDataProtection: {
    create(fileLocation: string, scope: never): Promise<MsalExtensionsPersistence>;
  };
  readonly DataProtectionScope: { readonly CurrentUser: string };
}

/** Loads the module; used unless a test passes its own loader. */
export async function importMsalExtensions(): Promise<MsalNodeExtensionsModule> {
  return (await import("@azure/msal-node-extensions")) as unknown as MsalNodeExtensionsModule;
}

/**
 * Runs a loader and turns its failures into typed errors: a missing package names the package
 * to install; a native part that cannot load (no libsecret) is `keyring_unavailable`.
 */
export async function loadMsalExtensions(
  loader: () => Promise<unknown>,
  platform: NodeJS.Platform,
): Promise<MsalNodeExtensionsModule> {
  try {
    return (await loader()) as MsalNodeExtensionsModule;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/Cannot find (?:package|module) '@azure\/msal-node-extensions'/.test(message)) {
      throw msalExtensionsMissingError(error);
    }
    throw keyringUnavailableError(error, platform);
  }
}
