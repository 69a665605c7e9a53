import { isInvalidArgumentError } from "@entrakit/core";
import { defaultGuestTenantId, defaultTenantId } from "@entrakit/dev-authority";
import { describe, expect, it } from "vitest";
import {
  claimsOf,
  rejectionOf,
  storageScope,
  useAuthorityFixture,
  vaultScope,
} from "../helpers/dev-authority";

const fixture = useAuthorityFixture();

// Alice's home tenant is Contoso (the credential's tenant); she is a guest in Fabrikam.
const tenantA = defaultTenantId;
const tenantB = defaultGuestTenantId;
const tidOf = (token: { token: string }) => claimsOf(token.token).tid;

describe("tokens never cross tenants", () => {
  it("a tenant outside additionallyAllowedTenants fails before any request, naming the option", async () => {
    const { credential } = fixture.webAppCredential();
    const error = await rejectionOf(credential.getToken(vaultScope, { tenantId: tenantB }));

    expect(isInvalidArgumentError(error) && error.code).toBe("tenant_not_allowed");
    expect((error as Error).message).toContain("additionallyAllowedTenants");
    expect(fixture.allRequests()).toBe(0);

    // The refusal spent nothing: the code still redeems for the credential's own tenant.
    expect(tidOf(await credential.getToken(vaultScope))).toBe(tenantA);
    expect(fixture.codeRedemptions()).toBe(1);
    await credential.close();
  });

  it("after an allowed tenant-B call, a plain call still gets tenant A's token, and B never gets A's", async () => {
    const { credential } = fixture.webAppCredential([vaultScope], {
      additionallyAllowedTenants: [tenantB],
    });
    const a1 = await credential.getToken(vaultScope);
    const b1 = await credential.getToken(vaultScope, { tenantId: tenantB });
    const a2 = await credential.getToken(vaultScope);
    const b2 = await credential.getToken(vaultScope, { tenantId: tenantB });

    expect(tidOf(a1)).toBe(tenantA);
    expect(tidOf(b1)).toBe(tenantB);
    expect(a2).toBe(a1);
    expect(b2).toBe(b1);
    // Tenant B is reached with the refresh token; the code went to tenant A only, once.
    const codeRequests = fixture.authority.requestLog({ grantType: "authorization_code" });
    expect(codeRequests.map((entry) => entry.tenant)).toEqual([tenantA]);
    const refreshRequests = fixture.authority.requestLog({ grantType: "refresh_token" });
    expect(refreshRequests.map((entry) => entry.tenant)).toEqual([tenantB]);
    await credential.close();
  });

  it('a first call for another tenant redeems the code at the credential\'s own tenant, then uses the refresh token ("*" allows any)', async () => {
    const { credential } = fixture.webAppCredential([vaultScope], {
      additionallyAllowedTenants: ["*"],
    });
    const [b, a] = await Promise.all([
      credential.getToken(storageScope, { tenantId: tenantB }),
      credential.getToken(storageScope),
    ]);

    expect(tidOf(b)).toBe(tenantB);
    expect(tidOf(a)).toBe(tenantA);
    const codeRequests = fixture.authority.requestLog({ grantType: "authorization_code" });
    expect(codeRequests.map((entry) => [entry.tenant, entry.status])).toEqual([[tenantA, 200]]);
    await credential.close();
  });

  it("AZURE_IDENTITY_DISABLE_MULTITENANTAUTH keeps every call on the credential's tenant", async () => {
    const { credential } = fixture.webAppCredential([vaultScope], {
      additionallyAllowedTenants: [tenantB],
      env: { AZURE_IDENTITY_DISABLE_MULTITENANTAUTH: "true" },
    });
    const token = await credential.getToken(vaultScope, { tenantId: tenantB });

    expect(tidOf(token)).toBe(tenantA);
    expect(fixture.authority.requestLog({ endpoint: "token" }).map((e) => e.tenant)).toEqual([
      tenantA,
    ]);
    await credential.close();
  });
});
