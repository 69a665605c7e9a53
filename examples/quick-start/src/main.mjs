// The quick-start demo, offline: a local Entra-compatible authority starts, a user signs in
// once (authorization code + PKCE), and AuthorizationCodeCredential serves tokens, saying at
// each step what went over the wire.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  AuthorizationCodeCredential,
  createAuthorizationRequest,
  readAuthorizationResponse,
} from "@entrakit/auth-code";
import { createFilePersistence } from "@entrakit/cache-persistence";
import {
  defaultPublicClientId,
  defaultTenantId,
  defaultUsername,
  startDevAuthority,
} from "@entrakit/dev-authority";
import { signInOverHttp } from "./sign-in-over-http.mjs";

const say = (text) => console.log(text);
const wire = (authority) => {
  for (const entry of authority.requestLog()) {
    const grant = entry.params.grant_type ? ` grant_type=${entry.params.grant_type}` : "";
    say(`    wire: ${entry.method} ${entry.path}${grant} -> ${entry.status}`);
  }
  authority.clearRequestLog();
};
const describeToken = (token) => {
  const claims = JSON.parse(Buffer.from(token.token.split(".")[1], "base64url").toString());
  return `aud=${claims.aud} user=${claims.upn} expires=${new Date(token.expiresOnTimestamp).toISOString()}`;
};

const authority = await startDevAuthority();
// The demo's "machine-wide" cache lives in a temporary directory, never in your home.
const cacheDirectory = await mkdtemp(join(tmpdir(), "entrakit-demo-"));
try {
  say(
    `1. A local Entra-compatible authority is listening at ${authority.url} (TLS, self-signed CA).`,
  );

  const redirectUri = "http://localhost:8400";
  const request = createAuthorizationRequest({
    tenantId: defaultTenantId,
    clientId: defaultPublicClientId,
    redirectUri,
    scopes: ["https://vault.azure.net/.default"],
    authorityHost: authority.url,
  });
  say(
    "2. The app builds an authorize URL with PKCE (S256), state and nonce, and sends the browser there.",
  );
  const redirectedTo = await signInOverHttp(request.url, defaultUsername, authority.caPem);
  const { code } = readAuthorizationResponse(redirectedTo, request.state);
  say(`   ${defaultUsername} signed in; the browser came back with a code and the matching state.`);
  wire(authority);

  const credential = new AuthorizationCodeCredential(
    defaultTenantId,
    defaultPublicClientId,
    code,
    redirectUri,
    {
      authorityHost: authority.url,
      disableInstanceDiscovery: true,
      codeVerifier: request.codeVerifier,
      nonce: request.nonce,
      transportOptions: { ca: authority.caPem },
      // Where Microsoft developer tools look for the shared cache (plaintext here: it is a demo).
      tokenCachePersistenceOptions: {
        persistence: createFilePersistence({ directory: cacheDirectory, name: "msal.cache.nocae" }),
      },
    },
  );

  say("3. The first getToken redeems the code (once, whatever happens next).");
  say(`   token: ${describeToken(await credential.getToken("https://vault.azure.net/.default"))}`);
  wire(authority);

  say("4. The same scope again is served from memory: nothing goes over the wire.");
  await credential.getToken("https://vault.azure.net/.default");
  wire(authority);

  say("5. Another resource uses the refresh token, never the spent code.");
  say(
    `   token: ${describeToken(await credential.getToken("https://storage.azure.com/.default"))}`,
  );
  wire(authority);

  const record = credential.getAuthenticationRecord();
  say(
    `6. The account, for a later process to resume silently: ${record?.username} (${record?.homeAccountId}).`,
  );
  await credential.close();

  say("7. A second process, SharedTokenCacheCredential, finds the account in the shared cache.");
  const caFile = join(cacheDirectory, "authority-ca.pem");
  await writeFile(caFile, authority.caPem);
  const secondProcess = fileURLToPath(new URL("./second-process.mjs", import.meta.url));
  const settings = JSON.stringify({ authorityUrl: authority.url, caFile, cacheDirectory });
  const { stdout } = await promisify(execFile)(process.execPath, [secondProcess, settings]);
  const seen = JSON.parse(stdout);
  say(`   accounts in the shared cache: ${seen.accounts.join(", ")}`);
  for (const token of seen.tokens) say(`   token: aud=${token.aud} user=${token.user}`);
  say(
    "   The vault token came from the cache; the management token from the cached refresh token:",
  );
  wire(authority);
} finally {
  await authority.close();
  if (!process.env.KEEP) await rm(cacheDirectory, { recursive: true, force: true });
}
