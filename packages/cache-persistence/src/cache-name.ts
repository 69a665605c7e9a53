import { InvalidArgumentError } from "@entrakit/core";

/** The cache Microsoft developer tools share (Azure CLI's MSAL, Visual Studio, Python and .NET azure-identity). */
export const defaultCacheName = "msal.cache";

// Suffixes this package adds to a cache's own files; a cache named like one would share a file.
const reservedSuffixes = [".lockfile", ".takeover", ".enc"];

/**
 * Checks a cache name. Names become file names and keyring identifiers, so they are plain:
 * letters, digits, `.`, `_`, `-`, starting with a letter or digit, at most 200 characters.
 *
 * @param name - the name, or `undefined` for {@link defaultCacheName}.
 * @param option - the option name used in the error message.
 * @returns the name to use.
 * @throws InvalidArgumentError (a RangeError) when the name is not usable.
 */
export function checkCacheName(name: string | undefined, option = "name"): string {
  if (name === undefined) return defaultCacheName;
  if (
    typeof name !== "string" ||
    !/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(name) ||
    name.includes(".corrupt-") ||
    reservedSuffixes.some((suffix) => name.endsWith(suffix))
  ) {
    throw new InvalidArgumentError(
      `CachePersistence: ${option} must be 1-200 letters, digits, ".", "_" or "-", start with a letter or digit, and not end in ${reservedSuffixes.join(", ")} or contain ".corrupt-". Pass a name such as "my-app.cache".`,
      "invalid_option",
    );
  }
  return name;
}
