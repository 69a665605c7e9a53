// A read that found the cache unchanged used to read, hash and parse the whole file and hand it
// to MSAL again (about 12x the time of a stat for a 96 KiB cache). Now it is one lstat, and MSAL
// still holds its whole cache through acquireTokenSilent's reload; a change by another program
// is still seen, even one that keeps the size and mtime.
import fs from "node:fs";
import { readFile, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PublicClientApplication } from "@azure/msal-node";
import {
  FakeNetworkModule,
  ManualClock,
  type RecordedRequest,
  tempDir,
  tokenResponse,
} from "@entrakit/testkit";
import { describe, expect, it, vi } from "vitest";
import { createCachePlugin, createFilePersistence } from "../../src/index";
import { accessToken, FakeTokenCache } from "../helpers/fake-token-cache";

/** How often the package opened `path` since the last call. */
function opensOf(path: string): () => number {
  // The package reads a cache through the callback API (one promise for open, fstat, read,
  // close). Spied here, not at the top: the config restores mocks before each test.
  const open = vi.spyOn(fs, "open");
  let seen = open.mock.calls.length;
  return () => {
    const calls = open.mock.calls.slice(seen);
    seen = open.mock.calls.length;
    return calls.filter(([opened]) => opened === path).length;
  };
}

/** A clock at the real time, so that advancing it lets the file's last change settle. */
const realTimeClock = () => new ManualClock({ start: Date.now() });

describe("a read that finds the cache unchanged", () => {
  it("costs one lstat: the file is not opened, not loaded, and nothing is handed to MSAL", async () => {
    await using directory = await tempDir();
    const path = join(directory.path, "msal.cache");
    const clock = realTimeClock();
    const persistence = createFilePersistence({ directory: directory.path, clock });
    const plugin = createCachePlugin(persistence);
    const cache = new FakeTokenCache();
    await plugin.beforeCacheAccess(cache.context(true));
    cache.set("RefreshToken", "family", { credential_type: "RefreshToken", secret: "rt" });
    cache.set("AccessToken", "a", accessToken("one"));
    await plugin.afterCacheAccess(cache.context(true));
    // MSAL gets its cache once after the save; the file, just written, is read once more after
    // it has settled, in case another write hid in the same clock tick.
    await cache.reloadLikeAcquireTokenSilent(plugin);
    clock.advance(3_000);
    await cache.reloadLikeAcquireTokenSilent(plugin);

    const opens = opensOf(path);
    const load = vi.spyOn(persistence, "load");
    const handed = cache.deserializeCount;
    for (let n = 0; n < 5; n++) {
      await cache.reloadLikeAcquireTokenSilent(plugin);
      expect(cache.cache.RefreshToken).toEqual({
        family: { credential_type: "RefreshToken", secret: "rt" },
      });
      expect(cache.cache.AccessToken).toEqual({ a: accessToken("one") });
    }
    expect(opens()).toBe(0);
    expect(load).not.toHaveBeenCalled();
    expect(cache.deserializeCount).toBe(handed);
  });

  it("still sees another program's rewrite that keeps the size and the mtime second", async () => {
    await using directory = await tempDir();
    const path = join(directory.path, "msal.cache");
    await writeFile(path, JSON.stringify({ AccessToken: { a: accessToken("aaaa") } }));
    const plugin = createCachePlugin(createFilePersistence({ directory: directory.path }));
    const cache = new FakeTokenCache();
    await plugin.beforeCacheAccess(cache.context(false));
    const before = await stat(path);
    await writeFile(path, JSON.stringify({ AccessToken: { a: accessToken("bbbb") } }));
    await utimes(path, before.atime, before.mtime);
    const after = await stat(path);
    expect([after.size, Math.floor(after.mtimeMs / 1000)]).toEqual([
      before.size,
      Math.floor(before.mtimeMs / 1000),
    ]);
    await plugin.beforeCacheAccess(cache.context(false));
    expect(cache.cache.AccessToken).toEqual({ a: accessToken("bbbb") });
  });

  it("still sees a same-size rewrite that set the mtime back after the file had settled", async () => {
    await using directory = await tempDir();
    const path = join(directory.path, "msal.cache");
    await writeFile(path, JSON.stringify({ AccessToken: { a: accessToken("aaaa") } }));
    // A whole second, so setting it again restores the mtime exactly: only the ctime moves.
    const old = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    await utimes(path, old, old);
    const clock = realTimeClock();
    clock.advance(3_000);
    const plugin = createCachePlugin(createFilePersistence({ directory: directory.path, clock }));
    const cache = new FakeTokenCache();
    await plugin.beforeCacheAccess(cache.context(false));
    await plugin.beforeCacheAccess(cache.context(false));
    const opens = opensOf(path);
    await plugin.beforeCacheAccess(cache.context(false));
    expect(opens()).toBe(0);

    const before = await stat(path, { bigint: true });
    await writeFile(path, JSON.stringify({ AccessToken: { a: accessToken("bbbb") } }));
    await utimes(path, old, old);
    const after = await stat(path, { bigint: true });
    expect([after.ino, after.size, after.mtimeNs]).toEqual([
      before.ino,
      before.size,
      before.mtimeNs,
    ]);
    await plugin.beforeCacheAccess(cache.context(false));
    expect(cache.cache.AccessToken).toEqual({ a: accessToken("bbbb") });
  });
});

describe("msal-node over an unchanged cache file", () => {
  const tenant = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
  const authority = `https://login.microsoftonline.com/${tenant}`;
  // Azure CLI's client id: a public first-party client in FOCI family "1".
  const clientId = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
  const vault = "https://vault.azure.net/.default";
  const storage = "https://storage.azure.com/.default";

  it("serves silent calls without opening the file and still redeems the saved refresh token", async () => {
    await using directory = await tempDir();
    const path = join(directory.path, "msal.cache");
    const clock = realTimeClock();
    const network = new FakeNetworkModule()
      .serveAuthorityMetadata(authority)
      .on("POST", "/oauth2/v2.0/token", (request: RecordedRequest) =>
        tokenResponse({
          scope: request.form.scope ?? "",
          clientId,
          foci: true,
          refreshToken: `rt-${request.index}`,
        }),
      );
    const app = new PublicClientApplication({
      auth: { clientId, authority },
      cache: {
        cachePlugin: createCachePlugin(createFilePersistence({ directory: directory.path, clock })),
      },
      system: { networkClient: network },
    });
    const { account } = await app.acquireTokenByCode({
      code: "code",
      redirectUri: "http://localhost",
      scopes: [vault],
    });
    if (!account) throw new Error("the sign-in returned no account");
    const saved = Object.values(JSON.parse(await readFile(path, "utf8")).RefreshToken) as {
      secret: string;
    }[];
    await app.acquireTokenSilent({ account, scopes: [vault] });
    clock.advance(3_000);
    await app.acquireTokenSilent({ account, scopes: [vault] });
    const tokenRequests = () => network.requests.filter((r) => r.form.grant_type).length;
    const requestsBefore = tokenRequests();

    const opens = opensOf(path);
    for (let n = 0; n < 3; n++) await app.acquireTokenSilent({ account, scopes: [vault] });
    expect(opens()).toBe(0);
    expect(tokenRequests()).toBe(requestsBefore);

    await app.acquireTokenSilent({ account, scopes: [storage] });
    const redeemed = network.requests
      .filter((request) => request.form.grant_type === "refresh_token")
      .map((request) => request.form.refresh_token);
    expect(redeemed).toEqual([saved[0]?.secret]);
  });
});
