// The error a closed object throws, and its guard. The guard checks a registered-symbol marker
// and the code instead of `instanceof`, so it also recognises errors from another copy.

// A registered symbol is the same in every copy of every entrakit package (CJS and ESM, or two
// versions installed side by side), which is what lets guards work where `instanceof` fails.
const entrakitErrorMarker: unique symbol = Symbol.for("entrakit.error") as never;

/** Stable codes of the errors this package throws. */
export type AsyncContextErrorCode = "closed";

/**
 * Thrown (or used to reject) when an object is used after its `close()` was called.
 *
 * @remarks
 * Check for it with {@link isClosedError}, not `instanceof`: a program can load two copies of
 * this package (its CJS and ESM builds, or two versions) and `instanceof` fails across them.
 */
export class ClosedError extends Error {
  /** Always `"closed"`. */
  declare readonly code: "closed";
  /** Marks this as an entrakit error; non-enumerable. */
  declare readonly [entrakitErrorMarker]: true;

  /**
   * @param component - The class (or `Class.method`) that was used after close, for the message.
   * @param options - `cause`, when the closed state was observed while handling another error.
   */
  constructor(component: string, options?: { cause?: unknown }) {
    super(
      `${component}: this credential was closed. Create a new instance to get tokens again.`,
      options,
    );
    this.name = "ClosedError";
    Object.defineProperty(this, "code", { value: "closed", enumerable: true });
    Object.defineProperty(this, entrakitErrorMarker, { value: true, enumerable: false });
  }
}

/**
 * True when `value` is a {@link ClosedError} from any copy of this package.
 *
 * @param value - Anything caught.
 * @returns Whether `value` carries the entrakit error marker and the code `"closed"`.
 *
 * @example
 * ```ts
 * try {
 *   await credential.getToken(scope);
 * } catch (error) {
 *   if (isClosedError(error)) credential = createCredential();
 *   else throw error;
 * }
 * ```
 */
export function isClosedError(value: unknown): value is ClosedError {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { readonly code?: unknown; readonly [entrakitErrorMarker]?: unknown };
  return candidate[entrakitErrorMarker] === true && candidate.code === "closed";
}
