import { createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  consumersTenantId,
  type DevAuthority,
  defaultTenantDomain,
  defaultTenantId,
  startDevAuthority,
} from "../src/index.js";
import { type ErrorBody, get, signInAndRedeem } from "./helpers/authority-helpers.js";

let authority: DevAuthority;
beforeAll(async () => {
  authority = await startDevAuthority();
});
afterAll(() => authority.close());

describe("instance discovery", () => {
  it("names this host as preferred network and cache, with a tenant discovery endpoint", async () => {
    const endpoint = encodeURIComponent(
      `${authority.url}/${defaultTenantId}/oauth2/v2.0/authorize`,
    );
    const response = await get(
      authority,
      `/common/discovery/instance?api-version=1.1&authorization_endpoint=${endpoint}`,
    );
    expect(response.status).toBe(200);
    const body = response.json<{
      tenant_discovery_endpoint: string;
      metadata: Record<string, unknown>[];
    }>();
    expect(body.tenant_discovery_endpoint).toBe(
      `${authority.url}/${defaultTenantId}/v2.0/.well-known/openid-configuration`,
    );
    expect(body.metadata).toEqual([
      {
        preferred_network: authority.host,
        preferred_cache: authority.host,
        aliases: [authority.host, `localhost:${authority.port}`],
      },
    ]);
  });

  it("refuses another cloud's authorization endpoint as an invalid instance", async () => {
    const endpoint = encodeURIComponent("https://login.example.test/common/oauth2/v2.0/authorize");
    const response = await get(
      authority,
      `/common/discovery/instance?api-version=1.1&authorization_endpoint=${endpoint}`,
    );
    expect(response.status).toBe(400);
    expect(response.json<ErrorBody>()).toMatchObject({
      error: "invalid_instance",
      error_codes: [50049],
    });
  });
});

describe("openid-configuration", () => {
  it.each(["/v2.0/.well-known/openid-configuration", "/.well-known/openid-configuration"])(
    "serves %s with this host:port and the tenant id (also for a domain)",
    async (suffix) => {
      for (const tenant of [defaultTenantId, defaultTenantDomain]) {
        const response = await get(authority, `/${tenant}${suffix}`);
        expect(response.status).toBe(200);
        const body = response.json<Record<string, string>>();
        const base = `${authority.url}/${defaultTenantId}`;
        expect(body.issuer).toBe(`${base}/v2.0`);
        expect(body.token_endpoint).toBe(`${base}/oauth2/v2.0/token`);
        expect(body.authorization_endpoint).toBe(`${base}/oauth2/v2.0/authorize`);
        expect(body.jwks_uri).toBe(`${base}/discovery/v2.0/keys`);
        expect(body.end_session_endpoint).toBe(`${base}/oauth2/v2.0/logout`);
      }
    },
  );

  it("uses the {tenantid} issuer template for common and the MSA tenant for consumers", async () => {
    const common = (await get(authority, "/common/v2.0/.well-known/openid-configuration")).json<
      Record<string, string>
    >();
    expect(common.issuer).toBe(`${authority.url}/{tenantid}/v2.0`);
    expect(common.token_endpoint).toBe(`${authority.url}/common/oauth2/v2.0/token`);
    const consumers = (
      await get(authority, "/consumers/v2.0/.well-known/openid-configuration")
    ).json<Record<string, string>>();
    expect(consumers.issuer).toBe(`${authority.url}/${consumersTenantId}/v2.0`);
  });

  it("answers an unknown tenant with AADSTS90002 in Entra's shape", async () => {
    const response = await get(authority, "/nope.test/v2.0/.well-known/openid-configuration");
    expect(response.status).toBe(400);
    const body = response.json<ErrorBody>();
    expect(body.error).toBe("invalid_tenant");
    expect(body.error_codes).toEqual([90002]);
    expect(body.error_description).toMatch(/^AADSTS90002: Tenant 'nope\.test' not found\./);
  });
});

describe("JWKS", () => {
  it("publishes the key that signs access and id tokens, with kid and x5t", async () => {
    const response = await get(authority, `/${defaultTenantId}/discovery/v2.0/keys`);
    const { keys } = response.json<{ keys: Record<string, unknown>[] }>();
    expect(keys).toHaveLength(1);
    const jwk = keys[0] as {
      kid: string;
      x5t: string;
      kty: string;
      use: string;
      n: string;
      e: string;
      x5c: string[];
    };
    expect(jwk).toMatchObject({ kty: "RSA", use: "sig" });
    expect(jwk.x5t).toBe(jwk.kid);
    expect(jwk.x5c).toHaveLength(1);

    const tokens = await signInAndRedeem(authority);
    const publicKey = createPublicKey({ key: { kty: "RSA", n: jwk.n, e: jwk.e }, format: "jwk" });
    for (const token of [tokens.access_token, tokens.id_token ?? ""]) {
      const [header = "", payload = "", signature = ""] = token.split(".");
      expect(JSON.parse(Buffer.from(header, "base64url").toString())).toMatchObject({
        alg: "RS256",
        kid: jwk.kid,
      });
      expect(
        verify(
          "sha256",
          Buffer.from(`${header}.${payload}`),
          publicKey,
          Buffer.from(signature, "base64url"),
        ),
      ).toBe(true);
    }
  });
});

describe("other routes", () => {
  it("answers unknown paths with 404 JSON and serves the error_uri page", async () => {
    expect((await get(authority, "/nothing/here")).status).toBe(404);
    const page = await get(authority, "/error?code=54005");
    expect(page.status).toBe(200);
    expect(page.body).toContain("AADSTS54005");
  });
});
