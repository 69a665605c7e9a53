// Token and grant lifetimes, global or per app. All values are seconds.

/** Lifetimes the authority applies when it issues tokens and grants (seconds). */
export interface TokenLifetimes {
  /**
   * Access token lifetime (`expires_in`).
   * @defaultValue `3600`
   */
  expiresIn?: number;
  /**
   * Extended lifetime for resilience (`ext_expires_in`); follows `expiresIn` when not set.
   * @defaultValue the effective `expiresIn`
   */
  extExpiresIn?: number;
  /**
   * When clients should refresh proactively (`refresh_in`); omitted from responses when unset.
   * @defaultValue unset
   */
  refreshIn?: number;
  /**
   * Refresh token lifetime, renewed on every redemption (sliding window).
   * @defaultValue `7776000` (90 days)
   */
  refreshTokenExpiresIn?: number;
  /**
   * Authorization code lifetime.
   * @defaultValue `600` (10 minutes)
   */
  codeExpiresIn?: number;
  /**
   * How long a refresh token stays redeemable after it was rotated (redeemed for a new one);
   * `0` makes refresh tokens strictly single-use.
   * @defaultValue `60`
   */
  rotatedRefreshTokenGrace?: number;
}

/** @internal Lifetimes after defaults are applied. */
export interface ResolvedLifetimes {
  readonly expiresIn: number;
  readonly extExpiresIn: number;
  readonly refreshIn: number | undefined;
  readonly refreshTokenExpiresIn: number;
  readonly codeExpiresIn: number;
  readonly rotatedRefreshTokenGrace: number;
}

/** The lifetimes the authority starts with (seconds). */
export const defaultTokenLifetimes: Readonly<
  Required<Omit<TokenLifetimes, "extExpiresIn" | "refreshIn">>
> = Object.freeze({
  expiresIn: 3600,
  refreshTokenExpiresIn: 90 * 86_400,
  codeExpiresIn: 600,
  rotatedRefreshTokenGrace: 60,
});

const keys = [
  "expiresIn",
  "extExpiresIn",
  "refreshIn",
  "refreshTokenExpiresIn",
  "codeExpiresIn",
  "rotatedRefreshTokenGrace",
] as const;

/**
 * @internal Checks a lifetimes object from a caller.
 * @throws `TypeError` for a non-object or an unknown key; `RangeError` for a negative or
 * non-finite value, or a zero `expiresIn`/`codeExpiresIn`/`refreshTokenExpiresIn`.
 */
export function validateLifetimes(lifetimes: unknown, option: string): TokenLifetimes {
  if (typeof lifetimes !== "object" || lifetimes === null) {
    throw new TypeError(`${option} must be an object of lifetimes in seconds.`);
  }
  const result: TokenLifetimes = {};
  for (const [key, value] of Object.entries(lifetimes)) {
    if (!(keys as readonly string[]).includes(key)) {
      throw new TypeError(
        `${option}.${key} is not a token lifetime; use one of ${keys.join(", ")}.`,
      );
    }
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`${option}.${key} must be a finite number of seconds, 0 or more.`);
    }
    const mustBePositive =
      key === "expiresIn" || key === "codeExpiresIn" || key === "refreshTokenExpiresIn";
    if (mustBePositive && value === 0) {
      throw new RangeError(`${option}.${key} must be more than 0 seconds.`);
    }
    result[key as (typeof keys)[number]] = value;
  }
  return result;
}

/** @internal Layers lifetimes over the defaults, later layers winning. */
export function resolveLifetimes(...layers: (TokenLifetimes | undefined)[]): ResolvedLifetimes {
  const merged: TokenLifetimes = { ...defaultTokenLifetimes };
  for (const layer of layers) {
    if (!layer) continue;
    for (const key of keys) {
      if (layer[key] !== undefined) merged[key] = layer[key];
    }
  }
  const expiresIn = merged.expiresIn ?? defaultTokenLifetimes.expiresIn;
  return {
    expiresIn,
    extExpiresIn: merged.extExpiresIn ?? expiresIn,
    refreshIn: merged.refreshIn,
    refreshTokenExpiresIn:
      merged.refreshTokenExpiresIn ?? defaultTokenLifetimes.refreshTokenExpiresIn,
    codeExpiresIn: merged.codeExpiresIn ?? defaultTokenLifetimes.codeExpiresIn,
    rotatedRefreshTokenGrace:
      merged.rotatedRefreshTokenGrace ?? defaultTokenLifetimes.rotatedRefreshTokenGrace,
  };
}
