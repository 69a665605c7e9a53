// Tokens go to the stdout of `entrakit token` and nowhere else: not to stderr, not into the
// verbose log lines (which @azure/logger writes to stderr), not into any error message.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type DevAuthority, defaultUsername, startDevAuthority } from "@entrakit/dev-authority";
import { createSecretScanner, type TempDir, tempDir } from "@entrakit/testkit";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { followToLoopback, printedUrl, submitSignInPage } from "../helpers/browser";
import {
  accessTokenEntry,
  accountEntry,
  cacheOf,
  entrakitClientId,
  idTokenEntry,
  refreshTokenEntry,
  testAccount,
} from "../helpers/cache-entries";
import {
  assertBuilt,
  childEnv,
  killRunning,
  runEntrakit,
  startEntrakit,
} from "../helpers/cli-process";

const vaultScope = "https://vault.azure.net/.default";
let authority: DevAuthority;
let home: TempDir;
let caFile: string;

beforeAll(async () => {
  assertBuilt();
  authority = await startDevAuthority();
});
afterAll(() => authority?.close());
beforeEach(async () => {
  home = await tempDir("entrakit-cli-");
  caFile = await authority.writeCaFile(join(home.path, "dev-ca.pem"));
});
afterEach(async () => {
  killRunning();
  await home?.close();
});

const verbose = () => childEnv(home.path, { AZURE_LOG_LEVEL: "verbose" });
const cacheDir = () => join(home.path, "cache");
const common = () => [
  "--dev",
  "--authority",
  authority.url,
  "--ca-file",
  caFile,
  "--cache-dir",
  cacheDir(),
  "--allow-unencrypted",
];

function secretsOf(cache: Record<string, Record<string, { secret?: string }>>): string[] {
  return ["AccessToken", "RefreshToken", "IdToken"].flatMap((section) =>
    Object.values(cache[section] ?? {}).flatMap((entry) => (entry.secret ? [entry.secret] : [])),
  );
}

describe("secret hygiene", () => {
  it("keeps the code and every token out of stderr and the verbose log; the token only on token's stdout", async () => {
    const login = startEntrakit(
      ["login", ...common(), "--no-browser", "--scope", vaultScope],
      verbose(),
    );
    const url = (await login.waitForStderr(printedUrl))[1] as string;
    const location = await submitSignInPage(url, authority.caPem, defaultUsername);
    const code = new URL(location).searchParams.get("code") as string;
    await followToLoopback(location);
    const signedIn = await login.done;
    expect(signedIn.code, signedIn.stderr).toBe(0);
    const token = await runEntrakit(["token", ...common(), "--scope", vaultScope], verbose());
    const refreshed = await runEntrakit(
      ["token", ...common(), "--scope", "https://storage.azure.com/.default", "--json"],
      verbose(),
    );
    const accounts = await runEntrakit(["accounts", ...common()], verbose());
    expect([token.code, refreshed.code, accounts.code]).toEqual([0, 0, 0]);

    const cache = JSON.parse(await readFile(join(cacheDir(), "msal.cache.nocae"), "utf8"));
    const secrets = [code, ...secretsOf(cache), token.stdout.trim()];
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    // The logs were on: the check below looks at real log lines.
    expect(signedIn.stderr).toMatch(/azure:entrakit:auth-code:(info|verbose)/);
    expect(token.stderr).toMatch(/azure:entrakit:shared-cache:verbose/);
    for (const output of [
      signedIn.stderr,
      signedIn.stdout,
      token.stderr,
      refreshed.stderr,
      accounts.stderr,
      accounts.stdout,
    ]) {
      for (const secret of secrets) expect(output.includes(secret)).toBe(false);
    }
    expect(token.stdout).toBe(`${token.stdout.trim()}\n`);
  });

  it("keeps planted tokens and codes out of stderr on failure paths, at verbose", async () => {
    const scanner = createSecretScanner();
    const alice = testAccount(
      "0000aaaa-0000-4000-8000-000000000001",
      defaultUsername,
      new URL(authority.url).host,
    );
    const expired = Math.floor(Date.now() / 1000) - 60;
    await mkdir(cacheDir(), { mode: 0o700 });
    await writeFile(
      join(cacheDir(), "msal.cache.nocae"),
      JSON.stringify(
        cacheOf({
          Account: [accountEntry(alice)],
          IdToken: [idTokenEntry(alice, entrakitClientId, scanner.plant("id-token"))],
          AccessToken: [
            accessTokenEntry(
              alice,
              entrakitClientId,
              scanner.plant("access-token"),
              vaultScope,
              expired,
            ),
          ],
          RefreshToken: [
            refreshTokenEntry(alice, entrakitClientId, scanner.plant("refresh-token"), "1"),
          ],
        }),
      ),
      { mode: 0o600 },
    );
    // The planted refresh token is unknown to the authority: refused.
    const token = await runEntrakit(["token", ...common(), "--scope", vaultScope], verbose());
    expect(token.code).toBe(2);
    expect(token.stdout).toBe("");
    expect(token.stderr).toMatch(/^entrakit token: .*AADSTS/m);

    // A code with the right state but never issued: redeemed once, refused.
    const login = startEntrakit(["login", ...common(), "--no-browser"], verbose());
    const url = new URL((await login.waitForStderr(printedUrl))[1] as string);
    const redirect = new URL(url.searchParams.get("redirect_uri") as string);
    redirect.searchParams.set("code", scanner.plant("code"));
    redirect.searchParams.set("state", url.searchParams.get("state") as string);
    const page = await followToLoopback(redirect.toString());
    const failed = await login.done;
    expect(page.status).toBe(500);
    expect(failed.code).toBe(2);

    const logout = await runEntrakit(["logout", ...common()], verbose());
    expect(logout.code, logout.stderr).toBe(0);
    scanner.assertClean(
      token.stderr,
      failed.stderr,
      failed.stdout,
      page.body,
      logout.stderr,
      logout.stdout,
    );
  });
});
