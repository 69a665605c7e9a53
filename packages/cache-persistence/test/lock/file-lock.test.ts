import { spawnSync } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { captureAzureLogs, ManualClock, tempDir } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import { CacheLockTimeoutError } from "../../src/index";
import { withFileLock } from "../../src/lock/file-lock";
import { resolveLockOptions } from "../../src/lock/lock-options";

function context(clock = new ManualClock({ autoAdvance: true }), options = {}) {
  return { clock, options: resolveLockOptions(options) };
}

/** A pid that certainly belongs to no running process: one that just exited. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(result.stdout.toString());
}

describe("withFileLock", () => {
  it("records pid, host and start time in the lock file and removes it afterwards", async () => {
    await using dir = await tempDir();
    const lockPath = join(dir.path, "msal.cache.lockfile");
    const clock = new ManualClock({ start: Date.UTC(2030, 5, 1), autoAdvance: true });
    const seen = await withFileLock(
      lockPath,
      async () => JSON.parse(await readFile(lockPath, "utf8")),
      context(clock),
    );
    expect(seen).toMatchObject({
      pid: process.pid,
      host: hostname(),
      startedAt: Date.UTC(2030, 5, 1),
      tool: "entrakit",
    });
    expect(await readdir(dir.path)).toEqual([]);
  });

  it("queues callers of one process so they never overlap or contend on the file", async () => {
    await using dir = await tempDir();
    const lockPath = join(dir.path, "x.lockfile");
    const clock = new ManualClock({ autoAdvance: true });
    let inside = 0;
    let maxInside = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withFileLock(
          lockPath,
          async () => {
            inside++;
            maxInside = Math.max(maxInside, inside);
            await new Promise((resolve) => setImmediate(resolve));
            order.push(i);
            inside--;
          },
          context(clock),
        ),
      ),
    );
    expect(maxInside).toBe(1);
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(clock.sleeps).toEqual([]);
  });

  it("lets a nested call for the same lock run at once", async () => {
    await using dir = await tempDir();
    const lockPath = join(dir.path, "x.lockfile");
    const result = await withFileLock(
      lockPath,
      () => withFileLock(lockPath, async () => "nested", context()),
      context(),
    );
    expect(result).toBe("nested");
  });

  it("takes over a lock whose holder is dead on this host, with a warning", async () => {
    await using dir = await tempDir();
    const lockPath = join(dir.path, "x.lockfile");
    const pid = deadPid();
    await writeFile(
      lockPath,
      JSON.stringify({ pid, host: hostname(), startedAt: Date.now(), token: "old" }),
    );
    using logs = captureAzureLogs();
    const clock = new ManualClock({ start: Date.now(), autoAdvance: true });
    expect(await withFileLock(lockPath, async () => "got it", context(clock))).toBe("got it");
    expect(
      logs.lines.some(
        (line) =>
          line.includes("took over a stale lock") &&
          line.includes("holder is dead") &&
          line.includes(`pid=${pid}`),
      ),
    ).toBe(true);
    expect(clock.sleeps).toEqual([]);
  });

  it("takes over the pid-only lock another MSAL tool left behind", async () => {
    await using dir = await tempDir();
    const lockPath = join(dir.path, "x.lockfile");
    await writeFile(lockPath, `${deadPid()} /usr/bin/python3`);
    expect(
      await withFileLock(
        lockPath,
        async () => 1,
        context(new ManualClock({ start: Date.now(), autoAdvance: true })),
      ),
    ).toBe(1);
  });

  it("takes over a lock older than staleAfterMs even when its holder is alive", async () => {
    await using dir = await tempDir();
    const lockPath = join(dir.path, "x.lockfile");
    const clock = new ManualClock({ start: 1_000_000, autoAdvance: true });
    await writeFile(
      lockPath,
      JSON.stringify({
        pid: process.ppid,
        host: hostname(),
        startedAt: 1_000_000 - 20_001,
        token: "t",
      }),
    );
    expect(await withFileLock(lockPath, async () => "ok", context(clock))).toBe("ok");
  });

  it("waits for a live holder with growing, jittered back-off and times out naming path and holder", async () => {
    await using dir = await tempDir();
    const lockPath = join(dir.path, "x.lockfile");
    const clock = new ManualClock({ start: 5_000_000, autoAdvance: true });
    await writeFile(
      lockPath,
      JSON.stringify({ pid: process.ppid, host: "build-host", startedAt: 5_000_000, token: "t" }),
    );
    const error = await withFileLock(
      lockPath,
      async () => "never",
      context(clock, { timeoutMs: 2_000, staleAfterMs: 60_000 }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CacheLockTimeoutError);
    expect(error).toMatchObject({
      name: "CredentialUnavailableError",
      code: "cache_lock_timeout",
      lockPath,
      holder: { pid: process.ppid, host: "build-host" },
    });
    expect((error as Error).message).toContain(lockPath);
    expect((error as Error).message).toContain(`pid ${process.ppid} on host build-host`);
    expect(clock.sleeps.length).toBeGreaterThan(5);
    for (const [i, ms] of clock.sleeps.entries()) {
      const ceiling = Math.min(250, 5 * 2 ** i);
      expect(ms).toBeGreaterThanOrEqual(Math.min(Math.floor(ceiling / 2), 1));
      expect(ms).toBeLessThanOrEqual(ceiling);
    }
    expect(await readFile(lockPath, "utf8")).toContain("build-host");
  });

  it("stops waiting when the AbortSignal aborts", async () => {
    await using dir = await tempDir();
    const lockPath = join(dir.path, "x.lockfile");
    await writeFile(
      lockPath,
      JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: Date.now(), token: "t" }),
    );
    const controller = new AbortController();
    const clock = new ManualClock({ start: Date.now(), autoAdvance: true });
    const originalSleep = clock.sleep.bind(clock);
    clock.sleep = async (ms, signal) => {
      if (clock.sleeps.length === 2) controller.abort(new Error("caller gave up"));
      return originalSleep(ms, signal);
    };
    await expect(
      withFileLock(lockPath, async () => 1, context(clock), controller.signal),
    ).rejects.toThrow("caller gave up");
  });

  it("aborts a caller still queued behind another caller of this process", async () => {
    await using dir = await tempDir();
    const lockPath = join(dir.path, "x.lockfile");
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const holding = new Promise<void>((resolve) => {
      started = resolve;
    });
    const first = withFileLock(
      lockPath,
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
          started();
        }),
      context(),
    );
    await holding;
    const controller = new AbortController();
    const second = withFileLock(lockPath, async () => "ran", context(), controller.signal);
    controller.abort(new Error("queued caller aborted"));
    await expect(second).rejects.toThrow("queued caller aborted");
    release();
    await first;
    expect(await withFileLock(lockPath, async () => "free again", context())).toBe("free again");
  });

  it("does not remove a lock that another process took over while it was held", async () => {
    await using dir = await tempDir();
    const lockPath = join(dir.path, "x.lockfile");
    using logs = captureAzureLogs();
    await withFileLock(
      lockPath,
      async () => {
        await writeFile(
          lockPath,
          JSON.stringify({ pid: 1, host: "other", startedAt: 0, token: "theirs" }),
        );
      },
      context(),
    );
    expect(await readFile(lockPath, "utf8")).toContain("theirs");
    expect(logs.lines.some((line) => line.includes("taken over while held"))).toBe(true);
  });
});
