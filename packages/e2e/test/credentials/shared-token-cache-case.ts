import { AuthorizationCodeCredential } from "@entrakit/auth-code";
import { createFilePersistence } from "@entrakit/cache-persistence";
import { defaultPublicClientId, defaultTenantId, defaultUsername } from "@entrakit/dev-authority";
import { SharedTokenCacheCredential } from "@entrakit/shared-cache";
import { type CredentialCase, storageScope } from "../helpers/storage-compatibility";

const redirectUri = "http://localhost:8400";

/**
 * `SharedTokenCacheCredential` as a developer tool uses it: someone signed in once with the
 * developer sign-on client (here through `AuthorizationCodeCredential`, which wrote the shared
 * cache), and the credential finds the account and its tokens there.
 */
export const sharedTokenCacheCase: CredentialCase = {
  name: "SharedTokenCacheCredential",
  // The storage client asks for CAE tokens, and the sign-in cached a non-CAE one: access tokens
  // never cross between the two, so the storage token comes from the cached refresh token, as
  // does the vault token. The code is never involved.
  expectedGrants: { authorization_code: 0, refresh_token: 2 },
  async create({ authority }, dir) {
    const transportOptions = { ca: authority.caPem, env: {} };
    const code = authority.mintCode({
      username: defaultUsername,
      scopes: `${storageScope} openid profile offline_access`,
      clientId: defaultPublicClientId,
      redirectUri,
    });
    const signIn = new AuthorizationCodeCredential(
      defaultTenantId,
      defaultPublicClientId,
      code,
      redirectUri,
      {
        authorityHost: authority.url,
        disableInstanceDiscovery: true,
        transportOptions,
        env: {},
        tokenCachePersistenceOptions: {
          persistence: createFilePersistence({ directory: dir, name: "msal.cache.nocae" }),
        },
      },
    );
    await signIn.getToken(storageScope);
    await signIn.close();
    const credential = new SharedTokenCacheCredential({
      authorityHost: authority.url,
      disableInstanceDiscovery: true,
      cacheDirectory: dir,
      transportOptions,
      env: {},
    });
    return { credential, close: () => credential.close() };
  },
};
