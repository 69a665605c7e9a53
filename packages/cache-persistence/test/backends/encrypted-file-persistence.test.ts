import { randomBytes } from "node:crypto";
import { copyFile, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { captureAzureLogs, tempDir } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import { createEncryptedFilePersistence } from "../../src/index";

const plaintext = JSON.stringify({ RefreshToken: { k: { secret: "refresh-token-value-123" } } });

describe("createEncryptedFilePersistence", () => {
  it("stores AES-256-GCM ciphertext at <name>.enc and reads it back", async () => {
    await using directory = await tempDir();
    const key = randomBytes(32);
    const persistence = createEncryptedFilePersistence({ key, directory: directory.path });
    expect(persistence.encrypted).toBe(true);
    const saved = await persistence.save(plaintext, undefined);
    const onDisk = await readFile(join(directory.path, "msal.cache.enc"), "utf8");
    expect(onDisk).not.toContain("refresh-token-value-123");
    expect(JSON.parse(onDisk)).toMatchObject({ format: "entrakit.aes-256-gcm", v: 1 });
    const reopened = createEncryptedFilePersistence({ key, directory: directory.path });
    expect(await reopened.load()).toEqual({ data: plaintext, version: saved.version });
  });

  it("refuses a wrong key with cache_decryption_failed and leaves the file alone", async () => {
    await using directory = await tempDir();
    await createEncryptedFilePersistence({ key: randomBytes(32), directory: directory.path }).save(
      plaintext,
      undefined,
    );
    const before = await readFile(join(directory.path, "msal.cache.enc"), "utf8");
    const other = createEncryptedFilePersistence({
      key: randomBytes(32),
      directory: directory.path,
    });
    const error = await other.load().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "cache_decryption_failed",
      name: "CredentialUnavailableError",
    });
    expect((error as Error).message).toMatch(/could not be decrypted with the given key/);
    expect(await readFile(join(directory.path, "msal.cache.enc"), "utf8")).toBe(before);
    expect(await readdir(directory.path)).toEqual(["msal.cache.enc"]);
  });

  it("derives a separate key per cache name, so one name's file never opens as another", async () => {
    await using directory = await tempDir();
    const key = randomBytes(32);
    await createEncryptedFilePersistence({
      key,
      directory: directory.path,
      name: "msal.cache.cae",
    }).save(plaintext, undefined);
    await copyFile(
      join(directory.path, "msal.cache.cae.enc"),
      join(directory.path, "msal.cache.nocae.enc"),
    );
    const nocae = createEncryptedFilePersistence({
      key,
      directory: directory.path,
      name: "msal.cache.nocae",
    });
    await expect(nocae.load()).rejects.toMatchObject({ code: "cache_decryption_failed" });
  });

  it("moves a file that is not an encrypted cache aside", async () => {
    await using directory = await tempDir();
    await writeFile(join(directory.path, "msal.cache.enc"), '{"format":"something else"}');
    using logs = captureAzureLogs();
    const persistence = createEncryptedFilePersistence({
      key: randomBytes(32),
      directory: directory.path,
    });
    expect(await persistence.load()).toBeUndefined();
    expect(
      (await readdir(directory.path)).some((file) => file.startsWith("msal.cache.enc.corrupt-")),
    ).toBe(true);
    expect(logs.lines.filter((line) => line.includes("moved it aside"))).toHaveLength(1);
  });

  it("moves aside a file that decrypts to something that is not a cache", async () => {
    await using directory = await tempDir();
    const key = randomBytes(32);
    const persistence = createEncryptedFilePersistence({ key, directory: directory.path });
    await persistence.save("[1, 2, 3]", undefined);
    expect(await persistence.load()).toBeUndefined();
    expect((await readdir(directory.path)).some((file) => file.includes(".corrupt-"))).toBe(true);
  });

  it("requires a 32-byte key", () => {
    expect(() => createEncryptedFilePersistence({ key: randomBytes(16) })).toThrow(TypeError);
    expect(() => createEncryptedFilePersistence({ key: "secret" as never })).toThrow(/32 bytes/);
  });
});
