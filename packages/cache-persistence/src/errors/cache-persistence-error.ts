import { CredentialUnavailableError, redact } from "@entrakit/core";

/** Why a persistence backend failed; the `code` of the `CredentialUnavailableError` it throws. */
export type CachePersistenceErrorCode =
  | "keyring_unavailable"
  | "optional_dependency_missing"
  | "cache_lock_timeout"
  | "cache_lock_failed"
  | "cache_too_large"
  | "cache_path_is_symlink"
  | "cache_read_failed"
  | "cache_write_failed"
  | "cache_decryption_failed"
  | "cache_unreadable"
  | "cache_save_conflict"
  | "cache_unavailable";

/**
 * Creates the error every backend throws: a `CredentialUnavailableError` (so a credential chain
 * moves on) whose `code` says what failed.
 *
 * @param message - `<Component>: <what happened>. <what to do>.` Never a secret.
 * @param code - the stable code.
 * @param cause - the underlying error; it is copied through {@link toSafeCause}.
 * @param scrub - removes further known secrets from the cause's message.
 */
export function cachePersistenceError(
  message: string,
  code: CachePersistenceErrorCode,
  cause?: unknown,
  scrub?: (text: string) => string,
): CredentialUnavailableError<CachePersistenceErrorCode> {
  const safe = toSafeCause(cause, scrub);
  return new CredentialUnavailableError(
    message,
    safe === undefined ? { code } : { code, cause: safe },
  );
}

/**
 * Copies an underlying error keeping only what is safe to show: name, redacted message, and the
 * `code`/`errno`/`syscall`/`path` of a system error. Client libraries hang request arguments
 * (which may hold a whole token cache) on their errors; those never survive the copy.
 *
 * @param error - anything that was thrown.
 * @param scrub - removes further known secrets from the message (e.g. from `createRedactor`).
 * @returns an `Error` fit to be a `cause`, or `undefined` for `undefined`.
 */
export function toSafeCause(
  error: unknown,
  scrub: (text: string) => string = redact,
): Error | undefined {
  if (error === undefined) return undefined;
  const source = error instanceof Error ? error : undefined;
  const message = scrub(redact(source ? source.message : String(error))).slice(0, 500);
  const copy = new Error(message);
  copy.name = source?.name ?? "Error";
  const record = (source ?? {}) as Record<string, unknown>;
  for (const key of ["code", "errno", "syscall", "path"]) {
    const value = record[key];
    if (typeof value === "string" || typeof value === "number") {
      Object.defineProperty(copy, key, { value, enumerable: true });
    }
  }
  const inner = record.cause;
  if (inner !== undefined && inner !== error) {
    Object.defineProperty(copy, "cause", { value: toSafeCause(inner, scrub), enumerable: false });
  }
  copy.stack = `${copy.name}: ${message}`;
  return copy;
}

/** The `code` of a system error (`ENOENT`, `EACCES`), or `undefined`. */
export function systemErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
