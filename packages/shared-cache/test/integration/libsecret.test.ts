// The Linux Secret Service for real (gnome-keyring on a private D-Bus session): a cache written
// in Python's item layout and one in JS keytar's layout are both read, and new tokens go back
// to the very item each account came from.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  defaultPublicClientId,
  defaultSecondUsername,
  defaultUsername,
} from "@entrakit/dev-authority";
import {
  describeWithService,
  probeSecretService,
  type SecretService,
  startSecretService,
} from "@entrakit/testkit";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type DevAuthority, signInWithTool, startDevAuthority } from "../helpers/dev-authority";
import { storageScope, vaultScope } from "../helpers/fixtures";
import { runWorker, worker } from "../helpers/run-node";
import { searchSecrets, storeSecret } from "../helpers/secret-tool";

const service = "Microsoft.Developer.IdentityService";
const pythonItem = { "xdg:schema": "msal.cache", MsalClientID: service };
const keytarItem = {
  "xdg:schema": "org.freedesktop.Secret.Generic",
  service,
  account: "MSALCache",
};

interface Outcome {
  ok: boolean;
  error?: { name: string; code: string; message: string };
  tokens?: Array<Record<string, unknown>>;
}

async function probe(): Promise<string | undefined> {
  return (
    (await probeSecretService()) ??
    (await import("@entrakit/testkit")).probeCommands([
      { command: "secret-tool", debianPackage: "libsecret-tools" },
    ])
  );
}

describeWithService("secret-service", probe, () => {
  let keyring: SecretService;
  let authority: DevAuthority;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    keyring = await startSecretService();
    authority = await startDevAuthority();
    env = keyring.childEnv({ PATH: process.env.PATH });
  });
  afterAll(async () => {
    await authority?.close();
    await keyring?.close();
  });

  const getTokens = (username: string, scopes: string[]) =>
    runWorker<Outcome>(
      worker("shared-cache-get-token.mjs"),
      {
        authorityHost: authority.url,
        caPem: authority.caPem,
        options: { username },
        requests: scopes.map((scope) => ({ scope })),
      },
      env,
    );

  it("reads Python's and keytar's items and writes back to the item each account came from", async () => {
    const alice = await signInWithTool(authority, {
      clientId: defaultPublicClientId,
      username: defaultUsername,
      scopes: [vaultScope],
    });
    const bob = await signInWithTool(authority, {
      clientId: defaultPublicClientId,
      username: defaultSecondUsername,
      scopes: [vaultScope],
    });
    storeSecret(env, "MSALCache", pythonItem, JSON.stringify(alice));
    storeSecret(env, `${service}/MSALCache`, keytarItem, JSON.stringify(bob));
    // Both tools leave "{}" in the cache file to signal changes.
    await mkdir(join(keyring.env.HOME, ".IdentityService"), { recursive: true });
    await writeFile(join(keyring.env.HOME, ".IdentityService", "msal.cache"), "{}");

    authority.clearRequestLog();
    const fromPython = await getTokens(defaultUsername, [vaultScope, storageScope]);
    expect(fromPython.error).toBeUndefined();
    expect(fromPython.tokens?.map((t) => [t.aud, t.upn])).toEqual([
      ["https://vault.azure.net", defaultUsername],
      ["https://storage.azure.com", defaultUsername],
    ]);
    expect(authority.countRequests({ grantType: "refresh_token" })).toBe(1);

    const fromKeytar = await getTokens(defaultSecondUsername, [storageScope]);
    expect(fromKeytar.tokens?.map((t) => [t.aud, t.upn])).toEqual([
      ["https://storage.azure.com", defaultSecondUsername],
    ]);

    const [python, ...morePython] = searchSecrets(env, pythonItem).filter(
      (item) => item.attributes["xdg:schema"] === "msal.cache",
    );
    const [keytar, ...moreKeytar] = searchSecrets(env, { service, account: "MSALCache" });
    expect(morePython).toEqual([]);
    expect(moreKeytar).toEqual([]);
    expect(python?.attributes).toEqual(pythonItem);
    expect(keytar?.attributes).toEqual(keytarItem);
    const pythonCache = JSON.parse(python?.secret ?? "{}");
    const keytarCache = JSON.parse(keytar?.secret ?? "{}");
    const targets = (cache: { AccessToken: Record<string, { target: string }> }) =>
      Object.values(cache.AccessToken)
        .map((t) => /https:\/\/[^/]+/.exec(t.target)?.[0])
        .sort();
    expect(targets(pythonCache)).toEqual(["https://storage.azure.com", "https://vault.azure.net"]);
    expect(targets(keytarCache)).toEqual(["https://storage.azure.com", "https://vault.azure.net"]);
    const users = (cache: { Account: Record<string, { username: string }> }) => [
      ...new Set(Object.values(cache.Account).map((a) => a.username)),
    ];
    expect(users(pythonCache)).toEqual([defaultUsername]);
    expect(users(keytarCache)).toEqual([defaultSecondUsername]);
    // Each item kept everything its own tool wrote.
    for (const [section, entries] of Object.entries(alice)) {
      for (const key of Object.keys(entries)) expect(pythonCache[section][key]).toBeDefined();
    }
  });
});
