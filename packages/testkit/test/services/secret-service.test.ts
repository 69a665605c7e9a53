import { describe, expect, test } from "vitest";
import { probeSecretService } from "../../src/index.js";

// Starting a real keyring is covered in test/integration/secret-service.test.ts.
describe("probeSecretService", () => {
  test("names every missing command and its Debian package", async () => {
    await expect(probeSecretService({ PATH: "" })).resolves.toBe(
      "dbus-daemon, dbus-send, gnome-keyring-daemon not found on PATH; install the Debian packages dbus-daemon dbus-bin gnome-keyring",
    );
  });
});
