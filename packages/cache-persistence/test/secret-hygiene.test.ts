import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import {
  createCachePlugin,
  createEncryptedFilePersistence,
  createFilePersistence,
  createKeyringPersistence,
  createMemoryPersistence,
} from "../src/index";
import { captureLogs } from "./helpers/capture-logs";
import { FakeMsalExtensions } from "./helpers/fake-msal-extensions";
import { FakeTokenCache } from "./helpers/fake-token-cache";
import { InstantClock } from "./helpers/instant-clock";
import { tempDir } from "./helpers/temp-dir";

const planted = {
  accessToken: `at-${randomBytes(12).toString("hex")}`,
  refreshToken: `rt-${randomBytes(12).toString("hex")}`,
  idToken: `id-${randomBytes(12).toString("hex")}`,
};
const values = Object.values(planted);
const cacheWithSecrets = JSON.stringify({
  AccessToken: { a: { credential_type: "AccessToken", secret: planted.accessToken } },
  RefreshToken: { r: { credential_type: "RefreshToken", secret: planted.refreshToken } },
  IdToken: { i: { credential_type: "IdToken", secret: planted.idToken } },
});

function expectClean(logs: string[], errors: unknown[]) {
  const haystack = [...logs, ...errors.map((error) => inspect(error, { depth: null }))].join("\n");
  for (const value of values) expect(haystack).not.toContain(value);
}

describe("secret hygiene", () => {
  it("keeps planted tokens out of logs and errors on every failure path", async () => {
    const logs = captureLogs();
    const errors: unknown[] = [];
    const capture = async (work: Promise<unknown>) => {
      errors.push(
        await work.then(
          () => new Error("expected a failure"),
          (error: unknown) => error,
        ),
      );
    };

    // A truncated cache file holding tokens is moved aside.
    const dir = await tempDir();
    await writeFile(join(dir, "msal.cache"), cacheWithSecrets.slice(0, -5));
    expect(await createFilePersistence({ directory: dir }).load()).toBeUndefined();

    // A cache over the size limit.
    const big = await tempDir();
    await writeFile(join(big, "msal.cache"), cacheWithSecrets);
    await capture(createFilePersistence({ directory: big, maxCacheBytes: 16 }).load());

    // An encrypted cache opened with the wrong key.
    const enc = await tempDir();
    await createEncryptedFilePersistence({ key: randomBytes(32), directory: enc }).save(
      cacheWithSecrets,
      undefined,
    );
    await capture(createEncryptedFilePersistence({ key: randomBytes(32), directory: enc }).load());

    // A keyring secret that is not a cache, and a keyring that fails.
    const fake = new FakeMsalExtensions();
    fake.secrets.set(
      "libsecret:Microsoft.Developer.IdentityService/MSALCache",
      `${cacheWithSecrets}}`,
    );
    const keyring = createKeyringPersistence({
      directory: await tempDir(),
      platform: "linux",
      loadMsalExtensions: fake.loader(),
    });
    expect(await keyring.load()).toBeUndefined();
    fake.failWith = Object.assign(new Error("Cannot autolaunch D-Bus without X11 $DISPLAY"), {
      errorCode: "GnomeKeyringError",
    });
    await capture(keyring.save(cacheWithSecrets, undefined));

    // A custom backend returning garbage that contains tokens.
    const garbage = createMemoryPersistence();
    vi.spyOn(garbage, "load").mockResolvedValue({
      data: `{"x": ${planted.accessToken}}`,
      version: "1",
    });
    const cache = new FakeTokenCache();
    await capture(createCachePlugin(garbage).beforeCacheAccess(cache.context(true)));

    // Saves that keep losing the race, and a backend whose errors quote tokens, at "log".
    const racing = createMemoryPersistence();
    vi.spyOn(racing, "save").mockResolvedValue({ conflict: true });
    const racingCache = new FakeTokenCache();
    racingCache.cache = JSON.parse(cacheWithSecrets);
    const racingPlugin = createCachePlugin(racing, {
      clock: new InstantClock(),
      maxSaveAttempts: 2,
    });
    await capture(racingPlugin.afterCacheAccess(racingCache.context(true)));
    const leaky = createMemoryPersistence();
    vi.spyOn(leaky, "save").mockRejectedValue(
      new Error(`backend failed writing ${planted.refreshToken}`),
    );
    await createCachePlugin(leaky, { saveErrors: "log" }).afterCacheAccess(
      racingCache.context(true),
    );

    // A lock held by a live process.
    const locked = await tempDir();
    await writeFile(
      join(locked, "msal.cache.lockfile"),
      JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: Date.now(), token: "t" }),
    );
    await capture(
      createFilePersistence({
        directory: locked,
        clock: new InstantClock(Date.now()),
        lock: { timeoutMs: 50 },
      }).save(cacheWithSecrets, undefined),
    );

    expect(
      errors.every(
        (error) => error instanceof Error && (error as { code?: string }).code !== undefined,
      ),
    ).toBe(true);
    expect(errors).toHaveLength(6);
    expect(logs.some((line) => line.includes("moved it aside"))).toBe(true);
    expect(logs.some((line) => line.includes("copied it aside"))).toBe(true);
    expect(logs.some((line) => line.includes("could not save the cache"))).toBe(true);
    expectClean(logs, errors);
  });
});
