import { createServer } from "node:net";
import { describe, expect, test } from "vitest";
import { freePort } from "../../src/index.js";

describe("freePort", () => {
  test("returns a port that can be bound on loopback", async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});
