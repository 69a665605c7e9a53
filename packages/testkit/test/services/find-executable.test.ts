import { chmod, mkdir, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { findExecutable, probeCommands, type TempDir, tempDir } from "../../src/index.js";

let dir: TempDir;
let env: { PATH: string };

beforeEach(async () => {
  dir = await tempDir();
  const bin = join(dir.path, "bin");
  const other = join(dir.path, "other");
  await mkdir(bin);
  await mkdir(other);
  await mkdir(join(other, "a-directory"));
  await writeFile(join(bin, "tool"), "#!/bin/sh\n");
  await chmod(join(bin, "tool"), 0o755);
  await writeFile(join(other, "not-executable"), "");
  await chmod(join(other, "not-executable"), 0o644);
  env = { PATH: ["", other, bin].join(delimiter) };
});

afterEach(() => dir.close());

describe("findExecutable", () => {
  test("finds an executable file along PATH", async () => {
    await expect(findExecutable("tool", env)).resolves.toBe(join(dir.path, "bin", "tool"));
  });

  test("ignores missing names, directories and files without the execute bit", async () => {
    await expect(findExecutable("missing", env)).resolves.toBeUndefined();
    await expect(findExecutable("a-directory", env)).resolves.toBeUndefined();
    if (process.getuid?.() !== 0) {
      // root may execute anything, so the execute-bit check only shows for other users.
      await expect(findExecutable("not-executable", env)).resolves.toBeUndefined();
    }
  });
});

describe("probeCommands", () => {
  test("gives no reason when every command is there", async () => {
    await expect(
      probeCommands([{ command: "tool", debianPackage: "tool-pkg" }], env),
    ).resolves.toBeUndefined();
  });

  test("names the missing commands and the Debian packages to install", async () => {
    await expect(
      probeCommands([{ command: "redis-server", debianPackage: "redis-server" }], env),
    ).resolves.toBe("redis-server not found on PATH; install the Debian package redis-server");
    await expect(
      probeCommands(
        [
          { command: "dbus-daemon", debianPackage: "dbus-daemon" },
          { command: "tool", debianPackage: "tool-pkg" },
          { command: "gnome-keyring-daemon", debianPackage: "gnome-keyring" },
        ],
        env,
      ),
    ).resolves.toBe(
      "dbus-daemon, gnome-keyring-daemon not found on PATH; install the Debian packages dbus-daemon gnome-keyring",
    );
  });
});
