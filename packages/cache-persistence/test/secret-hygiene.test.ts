import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { createSecretScanner, ManualClock, tempDir } from "@entrakit/testkit";
import { describe, expect, it, vi } from "vitest";
import {
  createCachePlugin,
  createEncryptedFilePersistence,
  createFilePersistence,
  createKeyringPersistence,
  createMemoryPersistence,
} from "../src/index";
import { FakeMsalExtensions } from "./helpers/fake-msal-extensions";
import { FakeTokenCache } from "./helpers/fake-token-cache";

const scanner = createSecretScanner();
const planted = {
  accessToken: scanner.plant("access-token"),
  refreshToken: scanner.plant("refresh-token"),
  idToken: scanner.plant("id-token"),
};
const cacheWithSecrets = JSON.stringify({
  AccessToken: { a: { credential_type: "AccessToken", secret: planted.accessToken } },
  RefreshToken: { r: { credential_type: "RefreshToken", secret: planted.refreshToken } },
  IdToken: { i: { credential_type: "IdToken", secret: planted.idToken } },
});

describe("secret hygiene", () => {
  it("keeps planted tokens out of logs and errors on every failure path", async () => {
    using logs = scanner.captureLogs();
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
    await using dir = await tempDir();
    await writeFile(join(dir.path, "msal.cache"), cacheWithSecrets.slice(0, -5));
    expect(await createFilePersistence({ directory: dir.path }).load()).toBeUndefined();

    // A cache over the size limit.
    await using big = await tempDir();
    await writeFile(join(big.path, "msal.cache"), cacheWithSecrets);
    await capture(createFilePersistence({ directory: big.path, maxCacheBytes: 16 }).load());

    // An encrypted cache opened with the wrong key.
    await using enc = await tempDir();
    await createEncryptedFilePersistence({ key: randomBytes(32), directory: enc.path }).save(
      cacheWithSecrets,
      undefined,
    );
    await capture(
      createEncryptedFilePersistence({ key: randomBytes(32), directory: enc.path }).load(),
    );

    // A keyring secret that is not a cache, and a keyring that fails.
    const fake = new FakeMsalExtensions();
    fake.secrets.set(
      "libsecret:Microsoft.Developer.IdentityService/MSALCache",
      `${cacheWithSecrets}}`,
    );
    await using keyringDir = await tempDir();
    const keyring = createKeyringPersistence({
      directory: keyringDir.path,
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
      clock: new ManualClock({ autoAdvance: true }),
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
    await using locked = await tempDir();
    await writeFile(
      join(locked.path, "msal.cache.lockfile"),
      JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: Date.now(), token: "t" }),
    );
    await capture(
      createFilePersistence({
        directory: locked.path,
        clock: new ManualClock({ start: Date.now(), autoAdvance: true }),
        lock: { timeoutMs: 50 },
      }).save(cacheWithSecrets, undefined),
    );

    expect(
      errors.every(
        (error) => error instanceof Error && (error as { code?: string }).code !== undefined,
      ),
    ).toBe(true);
    expect(errors).toHaveLength(6);
    expect(logs.lines.some((line) => line.includes("moved it aside"))).toBe(true);
    expect(logs.lines.some((line) => line.includes("copied it aside"))).toBe(true);
    expect(logs.lines.some((line) => line.includes("could not save the cache"))).toBe(true);
    // Each token, whole, cut down or base64-encoded, in any log line or any part of an error.
    scanner.assertClean(logs, ...errors);
  });
});
