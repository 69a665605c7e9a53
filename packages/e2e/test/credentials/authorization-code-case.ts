import { AuthorizationCodeCredential } from "@entrakit/auth-code";
import {
  defaultTenantId,
  defaultUsername,
  defaultWebAppClientId,
  defaultWebAppRedirectUri,
  defaultWebAppSecret,
} from "@entrakit/dev-authority";
import { type CredentialCase, storageScope } from "../helpers/storage-compatibility";

/**
 * `AuthorizationCodeCredential` as a web app uses it: the dev authority's confidential web-app
 * client, with a code minted for storage (as if the user had just signed in).
 */
export const authorizationCodeCase: CredentialCase = {
  name: "AuthorizationCodeCredential",
  // The code once (storage token, reused by every client), the refresh token once (vault token).
  expectedGrants: { authorization_code: 1, refresh_token: 1 },
  async create({ authority }) {
    const code = authority.mintCode({
      username: defaultUsername,
      scopes: `${storageScope} openid profile offline_access`,
      clientId: defaultWebAppClientId,
      redirectUri: defaultWebAppRedirectUri,
    });
    const credential = new AuthorizationCodeCredential(
      defaultTenantId,
      defaultWebAppClientId,
      defaultWebAppSecret,
      code,
      defaultWebAppRedirectUri,
      {
        authorityHost: authority.url,
        disableInstanceDiscovery: true,
        transportOptions: { ca: authority.caPem, env: {} },
        env: {},
      },
    );
    return { credential, close: () => credential.close() };
  },
};
