// The quick-start demo, offline: a local Entra-compatible authority starts, a user signs in
// once (authorization code + PKCE), and AuthorizationCodeCredential serves tokens, saying at
// each step what went over the wire.
import {
  AuthorizationCodeCredential,
  createAuthorizationRequest,
  readAuthorizationResponse,
} from "@entrakit/auth-code";
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
} finally {
  await authority.close();
}
