import { describe, expect, test } from "vitest";
import { probeRedisServer, startRedisServer } from "../../src/index.js";

// Starting a real server is covered in test/integration/redis-server.test.ts.
describe("redis-server helpers without a server", () => {
  test("the probe names the Debian package when redis-server is missing", async () => {
    await expect(probeRedisServer({ PATH: "" })).resolves.toBe(
      "redis-server not found on PATH; install the Debian package redis-server",
    );
  });

  test("a missing executable fails with service_start_failed and the spawn error", async () => {
    const error = await startRedisServer({ executable: "/nonexistent/redis-server" }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: "TestkitError", code: "service_start_failed" });
    expect((error as Error).message).toContain("failed to start (ENOENT)");
  });
});
