import type { CredentialUnavailableError } from "@entrakit/core";
import { type CachePersistenceErrorCode, cachePersistenceError } from "./cache-persistence-error";

const unsafeHint =
  "or set tokenCachePersistenceOptions.unsafeAllowUnencryptedStorage to true to store the cache as a plaintext file (mode 0600)";

/**
 * Turns a failure of the OS keyring (libsecret via keytar or secret-tool, Keychain, DPAPI) into
 * a `keyring_unavailable` error that says why and how to fix it.
 *
 * @param cause - what keytar or secret-tool reported.
 * @param platform - the platform, to name the right fix.
 */
export function keyringUnavailableError(
  cause: unknown,
  platform: NodeJS.Platform,
): CredentialUnavailableError<CachePersistenceErrorCode> {
  const text = cause instanceof Error ? cause.message : String(cause);
  const [why, fix] = diagnose(text, platform);
  return cachePersistenceError(
    `KeyringPersistence: the OS keyring is unavailable (${why}). ${fix}, ${unsafeHint}.`,
    "keyring_unavailable",
    cause,
  );
}

const debianFix =
  "Install a Secret Service (Debian/Ubuntu: apt-get install gnome-keyring libsecret-1-0)";

function diagnose(text: string, platform: NodeJS.Platform): [why: string, fix: string] {
  if (/Cannot autolaunch D-Bus without X11 \$DISPLAY/i.test(text)) {
    return [
      'no D-Bus session bus: "Cannot autolaunch D-Bus without X11 $DISPLAY", DBUS_SESSION_BUS_ADDRESS is not set',
      `Run inside a D-Bus session (e.g. dbus-run-session) with a Secret Service unlocked. ${debianFix}`,
    ];
  }
  if (/org\.freedesktop\.secrets|was not provided by any \.service files/i.test(text)) {
    return ["no Secret Service answers on the D-Bus session bus", debianFix];
  }
  if (/libsecret-1\.so|cannot open shared object/i.test(text)) {
    return ["libsecret is not installed", debianFix];
  }
  if (/collection|locked|prompt|dismissed/i.test(text)) {
    return [
      "the default keyring is missing or locked and no prompt can unlock it",
      `Unlock it (e.g. gnome-keyring-daemon --unlock). ${debianFix}`,
    ];
  }
  if (platform === "darwin")
    return ["the macOS Keychain refused access", "Allow access to the login keychain"];
  if (platform === "win32")
    return ["DPAPI could not protect the cache", "Check that the user profile is loaded"];
  return ["the Secret Service failed", `Check that the keyring is unlocked. ${debianFix}`];
}

/**
 * The keyring backend needs `@azure/msal-node-extensions`, an optional peer dependency.
 *
 * @param cause - the module-resolution error.
 */
export function msalExtensionsMissingError(
  cause: unknown,
): CredentialUnavailableError<CachePersistenceErrorCode> {
  return cachePersistenceError(
    "KeyringPersistence: the optional package @azure/msal-node-extensions is not installed. " +
      `Install it (npm install @azure/msal-node-extensions@^5.6.0) to keep the cache in the OS keyring, choose another backend, ${unsafeHint}.`,
    "optional_dependency_missing",
    cause,
  );
}

/**
 * Custom libsecret items are read and written through the `secret-tool` program.
 *
 * @param cause - the spawn error.
 */
export function secretToolMissingError(
  cause: unknown,
): CredentialUnavailableError<CachePersistenceErrorCode> {
  return cachePersistenceError(
    "KeyringPersistence: the secret-tool program was not found. Install it (Debian/Ubuntu: apt-get install libsecret-tools) " +
      `to use this libsecret item, use the default item, ${unsafeHint}.`,
    "optional_dependency_missing",
    cause,
  );
}
