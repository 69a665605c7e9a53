// Eight processes add 50 distinct entries each through the plugin and the file backend at the
// same time; nothing is lost and every read of the file in between is a whole JSON document.
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { lastJson, runNode, tempDir } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";

const worker = join(import.meta.dirname, "..", "fixtures", "file-worker.mjs");

describe("file backend under concurrency", () => {
  it("keeps all 400 entries from 8 processes and the file is always valid JSON", {
    timeout: 180_000,
  }, async () => {
    await using directory = await tempDir();
    const path = join(directory.path, "msal.cache");
    let running = true;
    let reads = 0;
    const invalid: string[] = [];
    const reader = (async () => {
      while (running) {
        const text = await readFile(path, "utf8").catch(() => undefined);
        if (text !== undefined) {
          reads++;
          try {
            JSON.parse(text);
          } catch {
            invalid.push(text.slice(0, 40));
          }
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, id) =>
        runNode(worker, [directory.path, String(id), "50"], { ...process.env }),
      ),
    );
    running = false;
    await reader;
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect(results.map((result) => lastJson(result).done)).toEqual(Array(8).fill(50));
    const final = JSON.parse(await readFile(path, "utf8"));
    const keys = Object.keys(final.AccessToken);
    expect(keys).toHaveLength(400);
    for (let id = 0; id < 8; id++) {
      for (let i = 0; i < 50; i++)
        expect(final.AccessToken[`worker${id}-entry${i}`]?.secret).toBe(`s-${id}-${i}`);
    }
    expect(reads).toBeGreaterThan(0);
    expect(invalid).toEqual([]);
  });

  it("takes over the lock of a process killed while holding it", async () => {
    await using directory = await tempDir();
    const holder = spawn(
      process.execPath,
      [join(import.meta.dirname, "..", "fixtures", "hold-lock.mjs"), directory.path],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("locked")) resolve();
      });
      holder.on("exit", () => reject(new Error("lock holder exited early")));
    });
    const lock = JSON.parse(await readFile(join(directory.path, "msal.cache.lockfile"), "utf8"));
    expect(lock.pid).toBe(holder.pid);
    const exited = new Promise((resolve) => {
      if (holder.exitCode !== null || holder.signalCode !== null) resolve(undefined);
      else holder.once("exit", resolve);
    });
    holder.kill("SIGKILL");
    await exited;
    expect(holder.signalCode).toBe("SIGKILL");
    const { createFilePersistence } = await import("../../src/index");
    const persistence = createFilePersistence({
      directory: directory.path,
      lock: { timeoutMs: 5_000 },
    });
    const saved = await persistence.save('{"AccessToken":{}}', undefined);
    expect(saved.version).toEqual(expect.any(String));
  });
});
