// Native code loads only inside the keyring backend: a user of the other backends runs with no
// native addon, and a missing @azure/msal-node-extensions is a typed error naming the package.
import { join } from "node:path";
import { lastJson, runNode, tempDir } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";

const fixtures = join(import.meta.dirname, "..", "fixtures");

describe("optional peer dependency", () => {
  it("runs the file backend and the plugin without loading any native addon", async () => {
    await using scratch = await tempDir();
    const result = await runNode(join(fixtures, "optional-peer-worker.mjs"), [scratch.path], {
      ...process.env,
    });
    expect(lastJson(result)).toEqual({ addons: [] });
  });

  it("names the package to install when @azure/msal-node-extensions is absent", async () => {
    await using scratch = await tempDir();
    const result = await runNode(
      join(fixtures, "optional-peer-worker.mjs"),
      [scratch.path, "keyring"],
      { ...process.env },
      ["--import", join(fixtures, "block-msal-extensions.mjs")],
    );
    const outcome = lastJson<{
      addons: string[];
      keyringError: { name: string; code: string; message: string };
    }>(result);
    expect(outcome.addons).toEqual([]);
    expect(outcome.keyringError).toMatchObject({
      name: "CredentialUnavailableError",
      code: "optional_dependency_missing",
    });
    expect(outcome.keyringError.message).toContain(
      "npm install @azure/msal-node-extensions@^5.6.0",
    );
  });
});
