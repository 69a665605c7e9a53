import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { captureAzureLogs, ManualClock, tempDir } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import { createKeyringPersistence } from "../../src/index";
import { FakeMsalExtensions } from "../helpers/fake-msal-extensions";

const cache = JSON.stringify({ RefreshToken: { k: { secret: "r" } } });

describe("createKeyringPersistence", () => {
  it("uses the shared identifiers for msal.cache on Linux (keytar's item)", async () => {
    await using directory = await tempDir();
    const fake = new FakeMsalExtensions();
    const persistence = createKeyringPersistence({
      directory: directory.path,
      platform: "linux",
      loadMsalExtensions: fake.loader(),
    });
    expect(persistence.encrypted).toBe(true);
    expect(persistence.description).toBe(
      "keyring libsecret schema=org.freedesktop.Secret.Generic service=Microsoft.Developer.IdentityService account=MSALCache",
    );
    await persistence.save(cache, undefined);
    expect(fake.created[0]).toEqual({
      kind: "libsecret",
      file: join(directory.path, "msal.cache"),
      service: "Microsoft.Developer.IdentityService",
      account: "MSALCache",
    });
    expect(fake.secrets.get("libsecret:Microsoft.Developer.IdentityService/MSALCache")).toBe(cache);
  });

  it("derives identifiers from every other name, so CAE and non-CAE caches never share a secret", async () => {
    await using directory = await tempDir();
    const fake = new FakeMsalExtensions();
    const cae = createKeyringPersistence({
      directory: directory.path,
      platform: "linux",
      name: "msal.cache.cae",
      loadMsalExtensions: fake.loader(),
    });
    const nocae = createKeyringPersistence({
      directory: directory.path,
      platform: "linux",
      name: "msal.cache.nocae",
      loadMsalExtensions: fake.loader(),
    });
    await cae.save('{"A":{}}', undefined);
    await nocae.save('{"B":{}}', undefined);
    expect([...fake.secrets.keys()].sort()).toEqual([
      "libsecret:Microsoft.Developer.IdentityService/MSALCache.msal.cache.cae",
      "libsecret:Microsoft.Developer.IdentityService/MSALCache.msal.cache.nocae",
    ]);
    expect((await cae.load())?.data).toBe('{"A":{}}');
  });

  it("reads an unchanged secret without hashing or parsing it again", async () => {
    await using directory = await tempDir();
    const fake = new FakeMsalExtensions();
    const persistence = createKeyringPersistence({
      directory: directory.path,
      platform: "linux",
      loadMsalExtensions: fake.loader(),
    });
    await persistence.save(cache, undefined);
    const first = await persistence.load();
    expect(first?.cache).toEqual(JSON.parse(cache));
    expect(await persistence.load()).toBe(first);
    fake.secrets.set("libsecret:Microsoft.Developer.IdentityService/MSALCache", "{}");
    expect((await persistence.load())?.data).toBe("{}");
  });

  it("uses the Keychain service and account on macOS", async () => {
    const fake = new FakeMsalExtensions();
    await using scratch = await tempDir();
    const persistence = createKeyringPersistence({
      directory: scratch.path,
      platform: "darwin",
      loadMsalExtensions: fake.loader(),
    });
    await persistence.save(cache, undefined);
    expect(fake.created[0]).toMatchObject({
      kind: "keychain",
      service: "Microsoft.Developer.IdentityService",
      account: "MSALCache",
    });
    expect(persistence.description).toBe(
      "keyring Keychain service=Microsoft.Developer.IdentityService account=MSALCache",
    );
  });

  it("uses a DPAPI-protected file at %LOCALAPPDATA%\\.IdentityService\\<name> on Windows", async () => {
    const fake = new FakeMsalExtensions();
    await using directory = await tempDir();
    const persistence = createKeyringPersistence({
      directory: directory.path,
      platform: "win32",
      name: "app.cache",
      loadMsalExtensions: fake.loader(),
    });
    await persistence.save(cache, undefined);
    expect(fake.created[0]).toEqual({
      kind: "dpapi",
      file: join(directory.path, "app.cache"),
      scope: "CurrentUser",
    });
  });

  it("loads nothing native until the first call", async () => {
    let loaded = 0;
    const fake = new FakeMsalExtensions();
    await using scratch = await tempDir();
    const persistence = createKeyringPersistence({
      directory: scratch.path,
      platform: "linux",
      loadMsalExtensions: async () => {
        loaded++;
        return fake.module();
      },
    });
    expect(loaded).toBe(0);
    await persistence.load();
    await persistence.load();
    expect(loaded).toBe(1);
  });

  it("names the package to install when @azure/msal-node-extensions is missing", async () => {
    await using scratch = await tempDir();
    const persistence = createKeyringPersistence({
      directory: scratch.path,
      platform: "linux",
      loadMsalExtensions: async () => {
        throw Object.assign(
          new Error("Cannot find package '@azure/msal-node-extensions' imported from /app/x.js"),
          {
            code: "ERR_MODULE_NOT_FOUND",
          },
        );
      },
    });
    const error = await persistence.load().catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "CredentialUnavailableError",
      code: "optional_dependency_missing",
    });
    expect((error as Error).message).toContain("npm install @azure/msal-node-extensions");
  });

  it("explains a missing D-Bus session and how to allow plaintext", async () => {
    const fake = new FakeMsalExtensions();
    fake.failWith = Object.assign(new Error("Cannot autolaunch D-Bus without X11 $DISPLAY"), {
      errorCode: "GnomeKeyringError",
    });
    await using scratch = await tempDir();
    const persistence = createKeyringPersistence({
      directory: scratch.path,
      platform: "linux",
      loadMsalExtensions: fake.loader(),
    });
    const error = await persistence.load().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "keyring_unavailable" });
    const message = (error as Error).message;
    expect(message).toContain("Cannot autolaunch D-Bus without X11 $DISPLAY");
    expect(message).toContain("gnome-keyring libsecret-1-0");
    expect(message).toContain("unsafeAllowUnencryptedStorage");
  });

  it("copies an unparseable secret aside once, continues empty, and lets the next save replace it", async () => {
    const fake = new FakeMsalExtensions();
    fake.secrets.set("libsecret:Microsoft.Developer.IdentityService/MSALCache", "{truncated");
    using logs = captureAzureLogs();
    const clock = new ManualClock({ start: Date.UTC(2031, 1, 2, 3, 4, 5), autoAdvance: true });
    await using scratch = await tempDir();
    const persistence = createKeyringPersistence({
      directory: scratch.path,
      platform: "linux",
      clock,
      loadMsalExtensions: fake.loader(),
    });
    expect(await persistence.load()).toBeUndefined();
    expect(await persistence.load()).toBeUndefined();
    expect(
      fake.secrets.get(
        "libsecret:Microsoft.Developer.IdentityService/MSALCache.corrupt-20310202T030405000Z",
      ),
    ).toBe("{truncated");
    expect(logs.lines.filter((line) => line.includes("copied it aside"))).toHaveLength(1);
    expect((await persistence.save(cache, undefined)).version).toEqual(expect.any(String));
    expect((await persistence.load())?.data).toBe(cache);
  });

  it("saves with compare-and-swap against the stored secret", async () => {
    const fake = new FakeMsalExtensions();
    await using scratch = await tempDir();
    const persistence = createKeyringPersistence({
      directory: scratch.path,
      platform: "linux",
      loadMsalExtensions: fake.loader(),
    });
    const first = await persistence.save(cache, undefined);
    expect(await persistence.save("{}", undefined)).toEqual({ conflict: true });
    expect((await persistence.save("{}", first.version)).version).not.toBe(first.version);
  });

  it("refuses a symlink planted at the marker file", async () => {
    await using directory = await tempDir();
    await mkdir(directory.path, { recursive: true });
    await writeFile(join(directory.path, "target"), "x");
    await symlink(join(directory.path, "target"), join(directory.path, "msal.cache"));
    const fake = new FakeMsalExtensions();
    const persistence = createKeyringPersistence({
      directory: directory.path,
      platform: "linux",
      loadMsalExtensions: fake.loader(),
    });
    await expect(persistence.load()).rejects.toMatchObject({ code: "cache_path_is_symlink" });
  });

  it("names libsecret-tools when secret-tool is missing for an exact item", async () => {
    await using scratch = await tempDir();
    const persistence = createKeyringPersistence({
      directory: scratch.path,
      platform: "linux",
      linuxItem: "python",
      secretToolPath: "/nonexistent/secret-tool",
    });
    const error = await persistence.load().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "optional_dependency_missing" });
    expect((error as Error).message).toContain("libsecret-tools");
  });

  it("reports platforms without a keyring as keyring_unavailable", async () => {
    await using scratch = await tempDir();
    const persistence = createKeyringPersistence({ directory: scratch.path, platform: "aix" });
    await expect(persistence.load()).rejects.toMatchObject({ code: "keyring_unavailable" });
  });

  it("checks linuxItem", () => {
    expect(() =>
      createKeyringPersistence({
        directory: "/tmp",
        platform: "linux",
        linuxItem: "ruby" as never,
      }),
    ).toThrow(TypeError);
    expect(() =>
      createKeyringPersistence({
        directory: "/tmp",
        platform: "linux",
        linuxItem: { schema: "s", label: "l", attributes: { "xdg:schema": "x" } },
      }),
    ).toThrow(/linuxItem/);
  });
});
