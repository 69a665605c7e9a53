// The everyday flow across processes, against a running dev authority: `login` completed through
// the real sign-in page, then `token`, `accounts` and `logout` as separate processes.
import { join } from "node:path";
import {
  type DevAuthority,
  defaultTenantId,
  defaultUsername,
  startDevAuthority,
} from "@entrakit/dev-authority";
import { type TempDir, tempDir } from "@entrakit/testkit";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  followToLoopback,
  printedUrl,
  signInWithShortcut,
  submitSignInPage,
} from "../helpers/browser";
import { claimsOf } from "../helpers/claims";
import {
  assertBuilt,
  childEnv,
  killRunning,
  runEntrakit,
  startEntrakit,
} from "../helpers/cli-process";

const vaultScope = "https://vault.azure.net/.default";
const storageScope = "https://storage.azure.com/.default";

let authority: DevAuthority;
let home: TempDir;
let caFile: string;

beforeAll(async () => {
  assertBuilt();
  authority = await startDevAuthority();
});
afterAll(async () => {
  await authority?.close();
});
beforeEach(async () => {
  authority.reset();
  home = await tempDir("entrakit-cli-");
  caFile = await authority.writeCaFile(join(home.path, "dev-ca.pem"));
});
afterEach(async () => {
  killRunning();
  await home?.close();
});

const env = () => childEnv(home.path);
const common = () => [
  "--dev",
  "--authority",
  authority.url,
  "--ca-file",
  caFile,
  "--cache-dir",
  join(home.path, "cache"),
  "--allow-unencrypted",
];

/** Starts `entrakit login`, signs in at the printed URL with `signIn`, and waits for the end. */
async function login(extra: string[], signIn: (url: string) => Promise<string>) {
  const running = startEntrakit(["login", ...common(), "--no-browser", ...extra], env());
  const url = (await running.waitForStderr(printedUrl))[1] as string;
  const page = await followToLoopback(await signIn(url));
  return { url, page, result: await running.done };
}

describe("entrakit login through the sign-in page, then token, accounts and logout", () => {
  it("lands the tokens in the shared cache, serves them to other processes, and signs out", async () => {
    const { url, page, result } = await login(["--scope", vaultScope], (authorize) =>
      submitSignInPage(authorize, authority.caPem, defaultUsername),
    );
    const query = new URL(url).searchParams;
    expect(query.get("redirect_uri")).toMatch(/^http:\/\/localhost:\d+$/);
    expect(query.get("code_challenge_method")).toBe("S256");
    expect(query.get("client_id")).toBe("04b07795-8ddb-461a-bbee-02f9e1bf7b46");
    expect(page.status).toBe(200);
    expect(page.body).toContain("Signed in as alice@contoso.test");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      `Signed in as ${defaultUsername} (tenant ${defaultTenantId}) at ${new URL(authority.url).host}.\n`,
    );
    expect(result.stderr).toContain(
      `Tokens are stored in file ${join(home.path, "cache", "msal.cache.nocae")}`,
    );
    expect(authority.countRequests({ grantType: "authorization_code" })).toBe(1);

    // A second process: the vault token comes from the cache, without any request.
    authority.clearRequestLog();
    const token = await runEntrakit(["token", ...common(), "--scope", vaultScope], env());
    expect(token.code, token.stderr).toBe(0);
    expect(token.stderr).toBe("");
    expect(token.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(claimsOf(token.stdout.trim())).toMatchObject({
      aud: "https://vault.azure.net",
      upn: defaultUsername,
    });
    expect(authority.countRequests()).toBe(0);

    // Another resource: redeemed with the cached refresh token.
    const json = await runEntrakit(
      ["token", ...common(), "--scope", storageScope, "--json"],
      env(),
    );
    expect(json.code, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout) as Record<string, string>;
    expect(Object.keys(parsed)).toEqual(["accessToken", "expiresOn", "tokenType"]);
    expect(claimsOf(parsed.accessToken as string).aud).toBe("https://storage.azure.com");
    expect(parsed.tokenType).toBe("Bearer");
    expect(new Date(parsed.expiresOn as string).toISOString()).toBe(parsed.expiresOn);
    expect(Date.parse(parsed.expiresOn as string)).toBeGreaterThan(Date.now());
    expect(authority.countRequests({ grantType: "refresh_token" })).toBe(1);

    const accounts = await runEntrakit(["accounts", ...common()], env());
    expect(accounts.code, accounts.stderr).toBe(0);
    expect(accounts.stdout.split("\n")[0]).toMatch(/^USERNAME\s+TENANT\s+CLOUD$/);
    expect(accounts.stdout).toContain(`${defaultUsername}  ${defaultTenantId}`);
    const accountsJson = await runEntrakit(["accounts", ...common(), "--json"], env());
    expect(JSON.parse(accountsJson.stdout)).toEqual([
      expect.objectContaining({
        username: defaultUsername,
        homeTenantId: defaultTenantId,
        cloud: new URL(authority.url).host,
      }),
    ]);

    const logout = await runEntrakit(["logout", ...common()], env());
    expect(logout.code, logout.stderr).toBe(0);
    expect(logout.stdout).toContain(`Signed out ${defaultUsername}.`);

    const after = await runEntrakit(["token", ...common(), "--scope", vaultScope], env());
    expect(after.code).toBe(2);
    expect(after.stdout).toBe("");
    expect(after.stderr).toMatch(
      /^entrakit token: no account is signed in .*Run `entrakit login`, then retry\.\n$/,
    );
    const none = await runEntrakit(["accounts", ...common(), "--json"], env());
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it("ignores a response with a forged state and redeems only the real code", async () => {
    const running = startEntrakit(["login", ...common(), "--no-browser"], env());
    const url = (await running.waitForStderr(printedUrl))[1] as string;
    const redirectUri = new URL(url).searchParams.get("redirect_uri") as string;
    const forged = await followToLoopback(`${redirectUri}/?code=forged-code&state=not-the-state`);
    expect(forged.status).toBe(400);
    expect(forged.body).toContain("Sign-in response ignored");
    await running.waitForStderr(/state does not match this sign-in\. Still waiting\./);
    const page = await followToLoopback(
      await signInWithShortcut(url, authority.caPem, defaultUsername),
    );
    expect(page.status).toBe(200);
    const result = await running.done;
    expect(result.code, result.stderr).toBe(0);
    expect(authority.countRequests({ grantType: "authorization_code" })).toBe(1);
  });

  it("stops on Ctrl+C with exit 130 and closes the loopback server", async () => {
    const running = startEntrakit(["login", ...common(), "--no-browser"], env());
    const url = (await running.waitForStderr(printedUrl))[1] as string;
    const redirectUri = new URL(url).searchParams.get("redirect_uri") as string;
    running.child.kill("SIGINT");
    const result = await running.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/entrakit login: interrupted\.\n$/);
    await expect(followToLoopback(`${redirectUri}/?code=c&state=s`)).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
  });

  it("exits 2 when the user declines at the sign-in page", async () => {
    const { page, result } = await login([], (authorize) =>
      submitSignInPage(authorize, authority.caPem, defaultUsername, "cancel"),
    );
    expect(page.status).toBe(400);
    expect(page.body).toContain("Sign-in failed");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^entrakit login: AuthorizationResponse: the sign-in ended with an error\./m,
    );
    expect(authority.countRequests({ grantType: "authorization_code" })).toBe(0);
  });

  it.runIf(process.platform === "linux")(
    "prints the URL when no browser can be opened (no graphical session)",
    async () => {
      const running = startEntrakit(["login", ...common()], env());
      const match = await running.waitForStderr(
        /could not open a browser \(there is no graphical session[^)]*\)\. To sign in, open this URL in a browser on this machine:\n {2}(https:\S+)/,
      );
      await followToLoopback(
        await signInWithShortcut(match[1] as string, authority.caPem, defaultUsername),
      );
      const result = await running.done;
      expect(result.code, result.stderr).toBe(0);
    },
  );

  it("tells accounts apart: token and logout need --username when two are signed in", async () => {
    for (const user of [defaultUsername, "bob@contoso.test"]) {
      const result = await runEntrakit(
        ["login", ...common(), "--dev-user", user, "--scope", vaultScope],
        env(),
      );
      expect(result.code, result.stderr).toBe(0);
    }
    const ambiguous = await runEntrakit(["token", ...common(), "--scope", vaultScope], env());
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain("Multiple accounts were found in the cache.");
    expect(ambiguous.stderr).toContain("hint: choose the account with --username <upn>");
    const bob = await runEntrakit(
      ["token", ...common(), "--scope", vaultScope, "--username", "bob@contoso.test"],
      env(),
    );
    expect(bob.code, bob.stderr).toBe(0);
    expect(claimsOf(bob.stdout.trim()).upn).toBe("bob@contoso.test");

    const logout = await runEntrakit(["logout", ...common()], env());
    expect(logout.code).toBe(2);
    expect(logout.stderr).toMatch(
      /^entrakit logout: several accounts are signed in \(.*\)\. Pass --username/,
    );
    const logoutBob = await runEntrakit(
      ["logout", ...common(), "--username", "BOB@contoso.test"],
      env(),
    );
    expect(logoutBob.code, logoutBob.stderr).toBe(0);
    const alice = await runEntrakit(["token", ...common(), "--scope", vaultScope], env());
    expect(alice.code, alice.stderr).toBe(0);
    expect(claimsOf(alice.stdout.trim()).upn).toBe(defaultUsername);
  });

  it("fails with exit 2 and a clear message for a dev user the authority does not know", async () => {
    const result = await runEntrakit(
      ["login", ...common(), "--dev-user", "nobody@contoso.test"],
      env(),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /entrakit login: the dev authority did not sign nobody@contoso\.test in/,
    );
  });
});
