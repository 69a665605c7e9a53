import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvalidArgumentError } from "@entrakit/core";

/** A directory under `os.tmpdir()` that is removed with everything in it on close. */
export interface TempDir extends AsyncDisposable {
  /** The absolute path of the directory. */
  readonly path: string;
  /** Removes the directory recursively. Idempotent. */
  close(): Promise<void>;
}

/**
 * Creates a fresh directory under `os.tmpdir()` (never the working directory).
 *
 * @param prefix - the start of the directory's name. @defaultValue `"entrakit-test-"`
 * @throws InvalidArgumentError (`invalid_option`) when `prefix` contains a path separator.
 * @example
 * ```ts
 * await using dir = await tempDir();
 * await writeFile(join(dir.path, "msal.cache"), "{}");
 * ```
 */
export async function tempDir(prefix = "entrakit-test-"): Promise<TempDir> {
  if (/[/\\]/.test(prefix)) {
    throw new InvalidArgumentError(
      `tempDir: prefix "${prefix}" contains a path separator. Pass a plain name prefix.`,
      "invalid_option",
    );
  }
  const path = await mkdtemp(join(tmpdir(), prefix));
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= rm(path, { recursive: true, force: true, maxRetries: 3 });
    return closing;
  };
  return { path, close, [Symbol.asyncDispose]: close };
}
