import { defaultCacheName } from "../cache-name";

/** An exact libsecret item: its schema (`xdg:schema`), other attributes, and label. */
export interface LibsecretItem {
  /** The schema name, stored as the `xdg:schema` attribute. */
  readonly schema: string;
  /** The attributes besides `xdg:schema`; an item matches only with exactly these. */
  readonly attributes: Readonly<Record<string, string>>;
  /** The label shown in keyring managers (not used to find the item). */
  readonly label: string;
}

/**
 * The libsecret layouts of the shared cache:
 * - `"msal-node"`: keytar's (JS `@azure/identity`, msal-node-extensions): schema
 *   `org.freedesktop.Secret.Generic`, `service` + `account`;
 * - `"python"`: Python azure-identity / msal-extensions: schema = cache name, `MsalClientID`;
 * - `"dotnet"`: .NET Azure.Identity / MSAL.NET extensions: schema = cache name, `MsalClientID`
 *   and `Microsoft.Developer.IdentityService` = `1.0.0.0`.
 */
export type LibsecretItemShape = "msal-node" | "python" | "dotnet";

/** The Keychain service and libsecret `service` of the shared cache. */
export const sharedCacheService = "Microsoft.Developer.IdentityService";

/**
 * The Keychain / keytar account of a cache: `MSALCache` for the shared `msal.cache`, as the
 * other tools use it; `MSALCache.<name>` for every other name, so two names never share a secret.
 */
export function keytarAccountFor(name: string): string {
  return name === defaultCacheName ? "MSALCache" : `MSALCache.${name}`;
}

/**
 * The exact libsecret item of a cache in one of the known layouts.
 *
 * @param shape - whose layout.
 * @param name - the cache name; every layout derives its identifiers from it.
 * @example
 * ```ts
 * libsecretItemFor("python", "msal.cache");
 * // { schema: "msal.cache", attributes: { MsalClientID: "Microsoft.Developer.IdentityService" }, label: "MSALCache" }
 * ```
 */
export function libsecretItemFor(
  shape: LibsecretItemShape,
  name: string = defaultCacheName,
): LibsecretItem {
  switch (shape) {
    case "msal-node": {
      const account = keytarAccountFor(name);
      return {
        schema: "org.freedesktop.Secret.Generic",
        attributes: { service: sharedCacheService, account },
        label: `${sharedCacheService}/${account}`,
      };
    }
    case "python":
      return {
        schema: name,
        attributes: { MsalClientID: sharedCacheService },
        label: name === defaultCacheName ? "MSALCache" : name,
      };
    case "dotnet":
      return {
        schema: name,
        attributes: { MsalClientID: sharedCacheService, [sharedCacheService]: "1.0.0.0" },
        label: "MSAL Persistent Token Cache",
      };
    default:
      throw new TypeError(
        `KeyringPersistence: linuxItem must be "msal-node", "python", "dotnet" or an item object, not ${JSON.stringify(shape)}. Pass one of those.`,
      );
  }
}

/** All attributes of an item as libsecret stores them, `xdg:schema` included. */
export function storedAttributes(item: LibsecretItem): Record<string, string> {
  return { "xdg:schema": item.schema, ...item.attributes };
}

/** True when two attribute sets are exactly equal. */
export function sameAttributes(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key])
  );
}

/** Describes an item without its secret: `schema=msal.cache MsalClientID=…`. */
export function describeItem(item: LibsecretItem): string {
  return [
    `schema=${item.schema}`,
    ...Object.entries(item.attributes).map(([k, v]) => `${k}=${v}`),
  ].join(" ");
}
