/**
 * Field readers for entries of a serialized MSAL cache. Every MSAL implementation writes the
 * same schema, but not always the same types, so each field is checked, never trusted.
 */

/** A non-empty string field, else `undefined`. */
export function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Every MSAL writes times as decimal seconds, as a string (some older writers: a number). */
export function seconds(value: unknown): number | undefined {
  const number =
    typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  return Number.isFinite(number) && number > 0 ? number : undefined;
}

/** A time in seconds, as milliseconds since the epoch. */
export function millis(value: unknown): number | undefined {
  const s = seconds(value);
  return s === undefined ? undefined : s * 1000;
}
