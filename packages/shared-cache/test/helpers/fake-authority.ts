import { FakeNetworkModule, tokenResponse } from "@entrakit/testkit";

/** A fake network serving authority metadata for `tenants` under `host`. */
export function fakeAuthority(host: string, tenants: string[]): FakeNetworkModule {
  const network = new FakeNetworkModule();
  for (const tenant of tenants) network.serveAuthorityMetadata(`${host}/${tenant}`);
  return network;
}

/** A successful family token response for the home account `uid.utid`. */
export function familyTokenResponse(
  homeAccountId: string,
  scope: string,
  host: string,
  clientId: string,
) {
  const [uid = "", utid = ""] = homeAccountId.split(".");
  return tokenResponse({
    scope: `${scope} openid profile offline_access`,
    clientInfo: { uid, utid },
    foci: true,
    authorityHost: host,
    clientId,
    idTokenClaims: { preferred_username: "alice@contoso.test" },
  });
}
