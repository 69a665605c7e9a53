import { access, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isInvalidArgumentError } from "@entrakit/core";
import { describe, expect, test } from "vitest";
import { tempDir } from "../../src/index.js";

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe("tempDir", () => {
  test("creates a fresh directory under os.tmpdir() and removes it with its contents", async () => {
    const dir = await tempDir("entrakit-testkit-");
    expect(dir.path.startsWith(join(tmpdir(), "entrakit-testkit-"))).toBe(true);
    expect((await stat(dir.path)).isDirectory()).toBe(true);
    await writeFile(join(dir.path, "file.txt"), "x");
    await dir.close();
    expect(await exists(dir.path)).toBe(false);
    await expect(dir.close()).resolves.toBeUndefined();
  });

  test("two directories never collide", async () => {
    const [a, b] = await Promise.all([tempDir(), tempDir()]);
    try {
      expect(a.path).not.toBe(b.path);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test("await using removes the directory at the end of the scope", async () => {
    let path = "";
    {
      await using dir = await tempDir();
      path = dir.path;
      expect(await exists(path)).toBe(true);
    }
    expect(await exists(path)).toBe(false);
  });

  test("a prefix with a path separator is refused", async () => {
    const error = await tempDir("../escape-").catch((e: unknown) => e);
    expect(isInvalidArgumentError(error)).toBe(true);
    expect(error).toMatchObject({ code: "invalid_option" });
  });
});
