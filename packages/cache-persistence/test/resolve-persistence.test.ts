import { captureAzureLogs, tempDir } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import { createMemoryPersistence, resolvePersistence } from "../src/index";
import { FakeMsalExtensions } from "./helpers/fake-msal-extensions";

const missingExtensions = async () => {
  throw Object.assign(
    new Error("Cannot find package '@azure/msal-node-extensions' imported from /app/index.js"),
    {
      code: "ERR_MODULE_NOT_FOUND",
    },
  );
};

describe("resolvePersistence", () => {
  it("returns a custom backend as is", async () => {
    const custom = createMemoryPersistence();
    expect(await resolvePersistence({ enabled: true, persistence: custom })).toBe(custom);
  });

  it("refuses a custom backend without the contract's methods", async () => {
    await expect(
      resolvePersistence({ persistence: { load: () => undefined } as never }),
    ).rejects.toThrow(TypeError);
  });

  it("keeps the cache in memory when persistence is not enabled", async () => {
    expect((await resolvePersistence({})).description).toBe("memory");
    expect((await resolvePersistence({ enabled: false, name: "x" })).description).toBe("memory");
  });

  it("uses the OS keyring when it answers", async () => {
    const fake = new FakeMsalExtensions();
    await using scratch = await tempDir();
    const persistence = await resolvePersistence(
      { enabled: true, name: "app.cache" },
      { directory: scratch.path, platform: "linux", loadMsalExtensions: fake.loader() },
    );
    expect(persistence.encrypted).toBe(true);
    expect(persistence.description).toContain("account=MSALCache.app.cache");
  });

  it("throws keyring_unavailable naming unsafeAllowUnencryptedStorage and the packages to install", async () => {
    const fake = new FakeMsalExtensions();
    fake.failWith = Object.assign(new Error("Cannot autolaunch D-Bus without X11 $DISPLAY"), {
      errorCode: "GnomeKeyringError",
    });
    await using scratch = await tempDir();
    const error = await resolvePersistence(
      { enabled: true },
      { directory: scratch.path, platform: "linux", loadMsalExtensions: fake.loader() },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "CredentialUnavailableError",
      code: "keyring_unavailable",
    });
    expect((error as Error).message).toMatch(/unsafeAllowUnencryptedStorage.*plaintext/);
    expect((error as Error).message).toContain("apt-get install gnome-keyring libsecret-1-0");
  });

  it("falls back to the plaintext file with a warning when unsafeAllowUnencryptedStorage is set", async () => {
    const fake = new FakeMsalExtensions();
    fake.failWith = Object.assign(
      new Error("The name org.freedesktop.secrets was not provided by any .service files"),
      {
        errorCode: "GnomeKeyringError",
      },
    );
    await using directory = await tempDir();
    using logs = captureAzureLogs();
    const persistence = await resolvePersistence(
      { enabled: true, unsafeAllowUnencryptedStorage: true },
      { directory: directory.path, platform: "linux", loadMsalExtensions: fake.loader() },
    );
    expect(persistence.encrypted).toBe(false);
    expect(persistence.description).toBe(`file ${directory.path}/msal.cache`);
    expect(
      logs.lines.some(
        (line) =>
          line.includes("storing the token cache unencrypted") &&
          line.includes("reason=keyring_unavailable"),
      ),
    ).toBe(true);
  });

  it("names the npm package when msal-node-extensions is missing, or falls back when allowed", async () => {
    await using directory = await tempDir();
    await expect(
      resolvePersistence(
        { enabled: true },
        { directory: directory.path, platform: "linux", loadMsalExtensions: missingExtensions },
      ),
    ).rejects.toMatchObject({
      code: "optional_dependency_missing",
      message: expect.stringContaining("@azure/msal-node-extensions"),
    });
    const fallback = await resolvePersistence(
      { enabled: true, unsafeAllowUnencryptedStorage: true },
      { directory: directory.path, platform: "linux", loadMsalExtensions: missingExtensions },
    );
    expect(fallback.encrypted).toBe(false);
  });

  it("does not fall back for failures that plaintext would not fix", async () => {
    await using directory = await tempDir();
    const fake = new FakeMsalExtensions();
    fake.secrets.set("libsecret:Microsoft.Developer.IdentityService/MSALCache", "x".repeat(100));
    await expect(
      resolvePersistence(
        { enabled: true, unsafeAllowUnencryptedStorage: true },
        {
          directory: `${directory.path}/missing`,
          platform: "linux",
          loadMsalExtensions: fake.loader(),
          lock: { timeoutMs: -1 },
        },
      ),
    ).rejects.toThrow(/lock.timeoutMs/);
  });
});
