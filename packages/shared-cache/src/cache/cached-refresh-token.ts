import { seconds, text } from "./entry-fields";

/** A `RefreshToken` entry. */
export interface CachedRefreshToken {
  readonly key: string;
  readonly homeAccountId: string;
  readonly environment: string;
  readonly clientId: string;
  /** The FOCI family (`"1"` for Microsoft's first-party apps), when the entry says so. */
  readonly familyId: string | undefined;
  /** Seconds since the epoch, when the writer recorded it. */
  readonly lastModified: number;
  readonly secret: string;
}

/** Reads a `RefreshToken` entry, or `undefined` when a field it needs is missing. */
export function readRefreshToken(
  key: string,
  entry: Readonly<Record<string, unknown>>,
): CachedRefreshToken | undefined {
  const home = text(entry.home_account_id);
  const environment = text(entry.environment);
  const clientId = text(entry.client_id);
  const secret = text(entry.secret);
  if (!home || !environment || !clientId || !secret) return undefined;
  return {
    key,
    homeAccountId: home,
    environment,
    clientId: clientId.toLowerCase(),
    familyId: text(entry.family_id),
    lastModified: seconds(entry.last_modification_time) ?? 0,
    secret,
  };
}
