// The keyring backend against a real Secret Service (gnome-keyring on a private D-Bus session).
// Each scenario runs in a child process that gets the bus address from its start; the test then
// checks with secret-tool where the secret really went.
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  describeWithService,
  lastJson,
  probeCommands,
  probeSecretService,
  runNode,
  type SecretService,
  startSecretService,
  tempDir,
} from "@entrakit/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSecretToolSearch } from "../../src/keyring/secret-tool";

const worker = join(import.meta.dirname, "..", "fixtures", "keyring-worker.mjs");

/** The daemons, plus secret-tool, which these tests use to see where secrets really went. */
async function probeLibsecret(): Promise<string | undefined> {
  return (
    (await probeSecretService()) ??
    (await probeCommands([{ command: "secret-tool", debianPackage: "libsecret-tools" }]))
  );
}

/** Exactly what a child needs to reach the private keyring: PATH, HOME, XDG_* and the bus. */
function busEnv(service: SecretService): NodeJS.ProcessEnv {
  return service.childEnv({ PATH: process.env.PATH });
}

/** Runs secret-tool on the private bus; `output` joins stdout and stderr (attributes go to stderr). */
function secretTool(
  service: SecretService,
  args: string[],
  input?: string,
): { status: number | null; output: string } {
  const result = spawnSync(
    "/bin/sh",
    ["-c", 'exec secret-tool "$@" 2>&1', "secret-tool", ...args],
    { env: busEnv(service), input: input ?? "" },
  );
  return { status: result.status, output: result.stdout.toString() };
}

interface WorkerResult {
  ok: boolean;
  error?: { name: string; code: string; message: string };
  logs: string[];
  [key: string]: unknown;
}

async function scenario(
  env: NodeJS.ProcessEnv,
  input: Record<string, unknown>,
): Promise<WorkerResult> {
  const result = await runNode(worker, [JSON.stringify(input)], env);
  return lastJson<WorkerResult>(result);
}

function search(service: SecretService, attributes: Record<string, string>) {
  const result = secretTool(service, ["search", "--all", ...Object.entries(attributes).flat()]);
  expect(result.status, result.output).toBe(0);
  return parseSecretToolSearch(result.output);
}

describeWithService("secret-service", probeLibsecret, () => {
  describe("keyring backend on a real Secret Service", () => {
    let service: SecretService;
    beforeAll(async () => {
      service = await startSecretService();
    });
    afterAll(async () => {
      await service?.close();
    });

    it("stores the shared cache where JS tools look: keytar's service/account item", async () => {
      await using directory = await tempDir();
      const data = JSON.stringify({ AccessToken: { k: { secret: "js-shape" } } });
      const result = await scenario(busEnv(service), {
        scenario: "save",
        directory: directory.path,
        data,
      });
      expect(result).toMatchObject({ ok: true, encrypted: true, loaded: data });
      const [item, ...others] = search(service, {
        service: "Microsoft.Developer.IdentityService",
        account: "MSALCache",
      });
      expect(others).toEqual([]);
      expect(item?.attributes).toEqual({
        "xdg:schema": "org.freedesktop.Secret.Generic",
        service: "Microsoft.Developer.IdentityService",
        account: "MSALCache",
      });
      expect(item?.secret).toBe(data);
      expect(await readFile(join(directory.path, "msal.cache"), "utf8")).toBe("{}");
    });

    it("stores the Python and .NET layouts under their exact attributes", async () => {
      await using directory = await tempDir();
      const python = JSON.stringify({ RefreshToken: { k: { secret: "python-shape" } } });
      const dotnet = JSON.stringify({ RefreshToken: { k: { secret: "dotnet-shape" } } });
      expect(
        await scenario(busEnv(service), {
          scenario: "save",
          directory: directory.path,
          name: "py.cache",
          linuxItem: "python",
          data: python,
        }),
      ).toMatchObject({ ok: true });
      expect(
        await scenario(busEnv(service), {
          scenario: "save",
          directory: directory.path,
          name: "py.cache",
          linuxItem: "dotnet",
          data: dotnet,
        }),
      ).toMatchObject({ ok: true });
      const items = search(service, { "xdg:schema": "py.cache" });
      const byLabel = Object.fromEntries(items.map((item) => [item.label, item]));
      expect(byLabel["py.cache"]?.attributes).toEqual({
        "xdg:schema": "py.cache",
        MsalClientID: "Microsoft.Developer.IdentityService",
      });
      expect(byLabel["py.cache"]?.secret).toBe(python);
      expect(byLabel["MSAL Persistent Token Cache"]?.attributes).toEqual({
        "xdg:schema": "py.cache",
        MsalClientID: "Microsoft.Developer.IdentityService",
        "Microsoft.Developer.IdentityService": "1.0.0.0",
      });
      expect(byLabel["MSAL Persistent Token Cache"]?.secret).toBe(dotnet);
      expect(items).toHaveLength(2);
    });

    it("keeps the CAE and non-CAE caches in different items", async () => {
      await using directory = await tempDir();
      await scenario(busEnv(service), {
        scenario: "save",
        directory: directory.path,
        name: "msal.cache.cae",
        data: '{"A":{}}',
      });
      await scenario(busEnv(service), {
        scenario: "save",
        directory: directory.path,
        name: "msal.cache.nocae",
        data: '{"B":{}}',
      });
      expect(
        search(service, { account: "MSALCache.msal.cache.cae" }).map((item) => item.secret),
      ).toEqual(['{"A":{}}']);
      expect(
        search(service, { account: "MSALCache.msal.cache.nocae" }).map((item) => item.secret),
      ).toEqual(['{"B":{}}']);
    });

    it("finds caches other tools wrote, writes back where that is safe, and refuses where it is not", async () => {
      const name = "shared.cache";
      const pythonData = JSON.stringify({ Account: { a: { username: "py@contoso.test" } } });
      const dotnetData = JSON.stringify({ Account: { a: { username: "net@contoso.test" } } });
      // Written as Python's msal-extensions and MSAL.NET write them.
      secretTool(
        service,
        [
          "store",
          `--label=${name}`,
          "xdg:schema",
          name,
          "MsalClientID",
          "Microsoft.Developer.IdentityService",
        ],
        pythonData,
      );
      secretTool(
        service,
        [
          "store",
          "--label=MSAL Persistent Token Cache",
          "xdg:schema",
          name,
          "MsalClientID",
          "Microsoft.Developer.IdentityService",
          "Microsoft.Developer.IdentityService",
          "1.0.0.0",
        ],
        dotnetData,
      );
      const found = await scenario(busEnv(service), { scenario: "find", name });
      expect(found.ok).toBe(true);
      const items = found.items as Array<{ shape: string; item: unknown }>;
      expect(items.map((item) => item.shape)).toEqual(["dotnet", "python"]);
      const python = items.find((item) => item.shape === "python")?.item;
      await using directory = await tempDir();
      expect(
        await scenario(busEnv(service), {
          scenario: "load",
          directory: directory.path,
          name,
          linuxItem: python,
        }),
      ).toMatchObject({ loaded: pythonData });
      // Writing the Python item while the .NET item exists is refused: gnome-keyring would pick
      // either item to replace.
      const updated = JSON.stringify({
        Account: { a: { username: "py@contoso.test" }, b: { username: "new" } },
      });
      const refused = await scenario(busEnv(service), {
        scenario: "save",
        directory: directory.path,
        name,
        linuxItem: python,
        data: updated,
      });
      expect(refused.error).toMatchObject({
        code: "cache_write_failed",
        message: expect.stringContaining("plus more"),
      });
      const deleteRefused = await scenario(busEnv(service), {
        scenario: "delete",
        directory: directory.path,
        name,
        linuxItem: python,
      });
      expect(deleteRefused.error?.code).toBe("cache_write_failed");
      const labelled = () =>
        Object.fromEntries(
          search(service, { "xdg:schema": name }).map((item) => [item.label, item.secret]),
        );
      expect(labelled()).toEqual({ [name]: pythonData, "MSAL Persistent Token Cache": dotnetData });

      // Writing back to the .NET item touches only that item.
      const dotnet = items.find((item) => item.shape === "dotnet")?.item;
      const dotnetUpdated = JSON.stringify({
        Account: { a: { username: "net@contoso.test" }, c: { username: "new" } },
      });
      expect(
        await scenario(busEnv(service), {
          scenario: "save",
          directory: directory.path,
          name,
          linuxItem: dotnet,
          data: dotnetUpdated,
        }),
      ).toMatchObject({ ok: true });
      expect(labelled()).toEqual({
        [name]: pythonData,
        "MSAL Persistent Token Cache": dotnetUpdated,
      });

      // Once the .NET item is gone, the Python item is written in place.
      expect(
        await scenario(busEnv(service), {
          scenario: "delete",
          directory: directory.path,
          name,
          linuxItem: dotnet,
        }),
      ).toMatchObject({ ok: true });
      expect(
        await scenario(busEnv(service), {
          scenario: "save",
          directory: directory.path,
          name,
          linuxItem: python,
          data: updated,
        }),
      ).toMatchObject({ ok: true });
      expect(
        search(service, { "xdg:schema": name }).map((item) => [item.label, item.secret]),
      ).toEqual([[name, updated]]);
    });

    it("explains a bus without a Secret Service", async () => {
      const bare = await startSecretService({ keyring: false });
      await using scratch = await tempDir();
      try {
        const result = await scenario(busEnv(bare), {
          scenario: "resolve",
          directory: scratch.path,
        });
        expect(result.error).toMatchObject({
          name: "CredentialUnavailableError",
          code: "keyring_unavailable",
        });
        expect(result.error?.message).toContain("no Secret Service answers");
        expect(result.error?.message).toContain("gnome-keyring libsecret-1-0");
      } finally {
        await bare.close();
      }
    });
  });
});

describe("keyring backend without D-Bus", () => {
  const env = { PATH: process.env.PATH };

  it("says encryption is impossible, why, and how to allow plaintext", async () => {
    await using home = await tempDir();
    const result = await scenario(
      { ...env, HOME: home.path },
      { scenario: "resolve", directory: home.path },
    );
    expect(result.error).toMatchObject({
      name: "CredentialUnavailableError",
      code: "keyring_unavailable",
    });
    expect(result.error?.message).toContain("Cannot autolaunch D-Bus without X11 $DISPLAY");
    expect(result.error?.message).toContain("unsafeAllowUnencryptedStorage");
    expect(result.error?.message).toContain("gnome-keyring libsecret-1-0");
  });

  it("falls back to the plaintext file with a warning when allowed", async () => {
    await using home = await tempDir();
    const result = await scenario(
      { ...env, HOME: home.path },
      { scenario: "resolve", directory: home.path, unsafe: true },
    );
    expect(result).toMatchObject({
      ok: true,
      encrypted: false,
      description: `file ${join(home.path, "msal.cache")}`,
    });
    expect(result.logs.some((line) => line.includes("storing the token cache unencrypted"))).toBe(
      true,
    );
  });
});
