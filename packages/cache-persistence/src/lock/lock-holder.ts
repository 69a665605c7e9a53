import { hostname } from "node:os";
import type { LockHolder } from "../errors/cache-lock-timeout-error";

/** What this package writes into a lock file. */
export interface LockRecord extends LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: number;
  /** Unique per acquisition, so a holder only ever removes its own lock. */
  readonly token: string;
}

/** The JSON line written into a lock file. */
export function formatLockRecord(record: LockRecord): string {
  return JSON.stringify({ ...record, tool: "entrakit" });
}

/**
 * Reads a lock file's content. Ours is JSON; other MSAL tools write `"<pid>"` or
 * `"<pid> <program>"`; an empty file is a holder that died before writing.
 *
 * @param text - the file's content.
 * @param mtimeMs - the file's mtime, the start time when the content has none.
 */
export function parseLockHolder(text: string, mtimeMs: number): LockHolder & { token?: string } {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    try {
      const value = JSON.parse(trimmed) as Record<string, unknown>;
      return {
        ...(Number.isSafeInteger(value.pid) ? { pid: value.pid as number } : {}),
        ...(typeof value.host === "string" ? { host: value.host } : {}),
        startedAt: Number.isFinite(value.startedAt) ? (value.startedAt as number) : mtimeMs,
        ...(typeof value.token === "string" ? { token: value.token } : {}),
      };
    } catch {
      return { startedAt: mtimeMs };
    }
  }
  const pid = /^(\d{1,10})\b/.exec(trimmed)?.[1];
  return pid === undefined ? { startedAt: mtimeMs } : { pid: Number(pid), startedAt: mtimeMs };
}

/** Whether a process with this id exists on this host (a process of another user counts). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

/** This host's name, as recorded in lock files. */
export function currentHost(): string {
  return hostname();
}
