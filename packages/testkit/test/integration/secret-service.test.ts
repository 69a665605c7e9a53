import { execFile } from "node:child_process";
import { access } from "node:fs/promises";
import { homedir } from "node:os";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  describeWithService,
  probeCommands,
  probeSecretService,
  type SecretService,
  startSecretService,
} from "../../src/index.js";

async function probeWithSecretTool(): Promise<string | undefined> {
  return (
    (await probeSecretService()) ??
    (await probeCommands([{ command: "secret-tool", debianPackage: "libsecret-tools" }]))
  );
}

function secretTool(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile("secret-tool", args, { env, timeout: 10_000 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
    child.stdin?.end(input ?? "");
  });
}

function dbusSend(env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "dbus-send",
      [`--bus=${env.DBUS_SESSION_BUS_ADDRESS}`, "--print-reply", ...args],
      { env, timeout: 10_000 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

const attributes = ["service", "entrakit-testkit", "account", "probe"];

describeWithService("secret-service", probeWithSecretTool, () => {
  let keyring: SecretService;
  beforeAll(async () => {
    keyring = await startSecretService();
  });
  afterAll(() => keyring?.close());

  test("stores and looks up a secret through secret-tool in the private keyring", async () => {
    const env = keyring.childEnv();
    await secretTool(["store", "--label=x", ...attributes], env, "probe-value-1");
    await expect(secretTool(["lookup", ...attributes], env)).resolves.toBe("probe-value-1");
    // The keyring file lives in the temporary XDG_DATA_HOME, not the real user's home.
    await expect(
      access(`${keyring.env.XDG_DATA_HOME}/keyrings/login.keyring`),
    ).resolves.toBeUndefined();
    expect(keyring.env.HOME).not.toBe(homedir());
  });

  test("the env points at a private bus and temp directories", () => {
    expect(keyring.env.DBUS_SESSION_BUS_ADDRESS).toMatch(/^unix:path=/);
    expect(keyring.env.DBUS_SESSION_BUS_ADDRESS).not.toBe(process.env.DBUS_SESSION_BUS_ADDRESS);
    for (const name of ["XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"] as const) {
      expect(keyring.env[name].startsWith(keyring.env.HOME)).toBe(true);
    }
  });

  test("applyToProcessEnv sets process.env for in-process users and restores it", () => {
    const before = { ...process.env };
    const restore = keyring.applyToProcessEnv();
    try {
      expect(process.env.DBUS_SESSION_BUS_ADDRESS).toBe(keyring.env.DBUS_SESSION_BUS_ADDRESS);
      expect(process.env.HOME).toBe(keyring.env.HOME);
    } finally {
      restore();
    }
    expect(process.env).toEqual(before);
    restore();
    expect(process.env).toEqual(before);
  });

  test("close stops both daemons, restores process.env and removes the temp dir", async () => {
    const before = { ...process.env };
    const second = await startSecretService({ password: "pw" });
    const env = second.childEnv();
    await secretTool(["store", "--label=y", ...attributes], env, "probe-value-2");
    second.applyToProcessEnv();
    await second.close();
    expect(process.env).toEqual(before);
    await expect(access(second.env.HOME)).rejects.toMatchObject({ code: "ENOENT" });
    // Nothing answers on the bus any more: the lookup fails instead of finding the value.
    await expect(secretTool(["lookup", ...attributes], env)).rejects.toBeDefined();
    // The first keyring kept its own value.
    await expect(secretTool(["lookup", ...attributes], keyring.childEnv())).resolves.toBe(
      "probe-value-1",
    );
    await expect(second.close()).resolves.toBeUndefined();
  });
  test("keyring: false starts a bus on which no Secret Service answers", async () => {
    await using bare = await startSecretService({ keyring: false });
    expect(bare.env.DBUS_SESSION_BUS_ADDRESS).toMatch(/^unix:path=/);
    expect(bare.env.DBUS_SESSION_BUS_ADDRESS).not.toBe(keyring.env.DBUS_SESSION_BUS_ADDRESS);
    // The bus itself answers, but nothing owns the Secret Service name.
    const names = await dbusSend(bare.childEnv(), [
      "--dest=org.freedesktop.DBus",
      "/org/freedesktop/DBus",
      "org.freedesktop.DBus.ListNames",
    ]);
    expect(names).toContain("org.freedesktop.DBus");
    await expect(secretTool(["lookup", ...attributes], bare.childEnv())).rejects.toBeDefined();
    expect(names).not.toContain("org.freedesktop.secrets");
  });
});
