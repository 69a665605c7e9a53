// `--dev` without `--authority`: login starts its own dev authority for the sign-in only; the
// tokens then come from the cache in later processes, with that authority gone.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { defaultTenantId, defaultUsername } from "@entrakit/dev-authority";
import { type TempDir, tempDir } from "@entrakit/testkit";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { claimsOf } from "../helpers/claims";
import { assertBuilt, childEnv, runEntrakit } from "../helpers/cli-process";

let home: TempDir;
beforeAll(assertBuilt);
beforeEach(async () => {
  home = await tempDir("entrakit-cli-");
});
afterEach(async () => {
  await home?.close();
});

const env = () => childEnv(home.path);
const cache = () => ["--cache-dir", join(home.path, "cache"), "--allow-unencrypted"];

describe("entrakit login --dev with an embedded dev authority", () => {
  it("signs in with --dev-user, and token --dev serves the cached token after the authority stopped", async () => {
    const login = await runEntrakit(
      ["login", "--dev", "--dev-user", defaultUsername, ...cache()],
      env(),
    );
    expect(login.code, login.stderr).toBe(0);
    const started =
      /Started a dev authority at (https:\/\/127\.0\.0\.1:(\d+)) for this sign-in\./.exec(
        login.stderr,
      );
    expect(started).not.toBeNull();
    expect(login.stdout).toBe(
      `Signed in as ${defaultUsername} (tenant ${defaultTenantId}) at 127.0.0.1:${started?.[2]}.\n`,
    );
    expect(login.stderr).toContain("The dev authority stops now");
    expect(await readdir(join(home.path, "cache"))).toContain("msal.cache.nocae");

    const token = await runEntrakit(
      ["token", "--dev", ...cache(), "--scope", "https://management.core.windows.net//.default"],
      env(),
    );
    expect(token.code, token.stderr).toBe(0);
    expect(claimsOf(token.stdout.trim())).toMatchObject({
      aud: "https://management.core.windows.net/",
      upn: defaultUsername,
    });

    const accounts = await runEntrakit(["accounts", "--dev", ...cache(), "--json"], env());
    expect(JSON.parse(accounts.stdout)).toEqual([
      expect.objectContaining({ username: defaultUsername, cloud: `127.0.0.1:${started?.[2]}` }),
    ]);
    // Without --dev the public cloud is asked for: the dev account is not one of its accounts.
    const publicCloud = await runEntrakit(["accounts", ...cache(), "--json"], env());
    expect(JSON.parse(publicCloud.stdout)).toEqual([]);
  });

  it("exits 4 before any sign-in when no keyring is usable and plaintext is not allowed", async () => {
    const login = await runEntrakit(
      ["login", "--dev", "--dev-user", defaultUsername, "--cache-dir", join(home.path, "cache")],
      env(),
    );
    expect(login.code).toBe(4);
    expect(login.stdout).toBe("");
    expect(login.stderr).toMatch(/^entrakit login: KeyringPersistence: /m);
    expect(login.stderr).toContain("hint: or pass --allow-unencrypted");
    expect(login.stderr).not.toContain("Signing in as");
  });
});
