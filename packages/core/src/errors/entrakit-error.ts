/**
 * The marker every entrakit error carries. It is a registered symbol, so two copies of this
 * package (CJS and ESM, or two versions) recognise each other's errors where `instanceof` fails.
 */
export const entrakitErrorMarker: unique symbol = Symbol.for("entrakit.error") as never;

/** Fields every entrakit error has, whichever class it is. */
export interface EntrakitErrorFields<Code extends string = string> {
  /** A stable, snake_case identifier for programmatic handling. */
  readonly code: Code;
  readonly [entrakitErrorMarker]: true;
}

/** Marks an error object as an entrakit error with the given code (used by every error class). */
export function markEntrakitError(error: Error, code: string): void {
  Object.defineProperty(error, "code", { value: code, enumerable: true });
  Object.defineProperty(error, entrakitErrorMarker, { value: true, enumerable: false });
}

/** True when `value` is an error from any copy of any entrakit package. */
export function isEntrakitError(value: unknown): value is Error & EntrakitErrorFields {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[entrakitErrorMarker] === true
  );
}
