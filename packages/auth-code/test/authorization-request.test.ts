import { createHash } from "node:crypto";
import { isAuthenticationError, isInvalidArgumentError } from "@entrakit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createAuthorizationRequest,
  readAuthorizationResponse,
} from "../src/authorization-request";

const base = {
  tenantId: "contoso.onmicrosoft.com",
  clientId: "0b8d4a8e-1c1e-4b4f-9d53-7f0e2c6c1e11",
  redirectUri: "https://app.example.test/callback",
  scopes: ["https://vault.azure.net/.default"],
};

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new TypeError("expected a throw");
}

describe("createAuthorizationRequest", () => {
  it("builds an authorize URL with an S256 challenge of the verifier, state, nonce and the OpenID scopes", () => {
    const request = createAuthorizationRequest({
      ...base,
      loginHint: "alice@contoso.com",
      prompt: "select_account",
    });
    const url = new URL(request.url);

    expect(`${url.origin}${url.pathname}`).toBe(
      "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize",
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: base.clientId,
      response_type: "code",
      redirect_uri: base.redirectUri,
      response_mode: "query",
      scope: "https://vault.azure.net/.default openid profile offline_access",
      state: request.state,
      nonce: request.nonce,
      code_challenge: createHash("sha256").update(request.codeVerifier).digest("base64url"),
      code_challenge_method: "S256",
      login_hint: "alice@contoso.com",
      prompt: "select_account",
    });
    // RFC 7636: 43 to 128 characters of the unreserved set.
    expect(request.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(url.searchParams.toString()).not.toContain(request.codeVerifier);
  });

  it("draws fresh state, nonce and verifier every time", () => {
    const requests = Array.from({ length: 20 }, () => createAuthorizationRequest(base));
    for (const field of ["state", "nonce", "codeVerifier"] as const) {
      expect(new Set(requests.map((r) => r[field])).size).toBe(requests.length);
    }
  });

  it("does not repeat OpenID scopes the caller already asked for, and carries claims", () => {
    const claims = '{"access_token":{"xms_cc":{"values":["cp1"]}}}';
    const request = createAuthorizationRequest({
      ...base,
      scopes: ["User.Read", "offline_access"],
      claims,
    });
    const query = new URL(request.url).searchParams;
    expect(query.get("scope")).toBe("User.Read offline_access openid profile");
    expect(query.get("claims")).toBe(claims);
  });

  it("uses the given authority host and refuses plain HTTP", () => {
    const request = createAuthorizationRequest({
      ...base,
      authorityHost: "https://127.0.0.1:8443",
    });
    expect(request.url.startsWith("https://127.0.0.1:8443/contoso.onmicrosoft.com/")).toBe(true);
    expect(() =>
      createAuthorizationRequest({ ...base, authorityHost: "http://127.0.0.1:8443" }),
    ).toThrow();
  });

  it("refuses a tenant id that cannot be a path segment, and a scope with whitespace", () => {
    expect(
      isInvalidArgumentError(
        thrown(() => createAuthorizationRequest({ ...base, tenantId: "a/b" })),
      ),
    ).toBe(true);
    expect(() => createAuthorizationRequest({ ...base, scopes: ["a b"] })).toThrow();
  });
});

describe("readAuthorizationResponse", () => {
  it("returns the code of a redirect whose state matches, from a URL, a URL object or a query string", () => {
    const redirect = "https://app.example.test/callback?code=0.AXk-code&state=s1&session_state=x";
    expect(readAuthorizationResponse(redirect, "s1")).toEqual({ code: "0.AXk-code" });
    expect(readAuthorizationResponse(new URL(redirect), "s1")).toEqual({ code: "0.AXk-code" });
    expect(readAuthorizationResponse("code=0.AXk-code&state=s1", "s1")).toEqual({
      code: "0.AXk-code",
    });
    expect(readAuthorizationResponse("/callback?code=0.AXk-code&state=s1", "s1")).toEqual({
      code: "0.AXk-code",
    });
    // A fragment is not part of the query, so it does not spoil the state.
    expect(readAuthorizationResponse(`${redirect}#section`, "s1")).toEqual({ code: "0.AXk-code" });
  });

  it("rejects a state mismatch and a redirect without a code, with codes", () => {
    const mismatch = thrown(() => readAuthorizationResponse("?code=c&state=other", "expected"));
    expect(isInvalidArgumentError(mismatch) && mismatch.code).toBe("state_mismatch");
    const missing = thrown(() => readAuthorizationResponse("?state=s", "s"));
    expect(isInvalidArgumentError(missing) && missing.code).toBe("missing_code");
  });

  it("turns an error redirect into an AuthenticationError with the AADSTS codes", () => {
    const error = thrown(() =>
      readAuthorizationResponse(
        "?error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent.%0D%0ATrace+ID%3A+x&state=s",
        "s",
      ),
    );
    expect(isAuthenticationError(error)).toBe(true);
    if (!isAuthenticationError(error)) return;
    expect(error.code).toBe("access_denied");
    expect(error.errorResponse.errorCodes).toEqual([65004]);
    expect(error.errorResponse.errorDescription).toBe("AADSTS65004: User declined to consent.");
  });

  it("property: any code comes back unchanged when the state matches", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (code, state) => {
        const url = new URL("https://app.example.test/callback");
        url.searchParams.set("code", code);
        url.searchParams.set("state", state);
        expect(readAuthorizationResponse(url, state)).toEqual({ code });
      }),
    );
  });

  it("property: a state mismatch always throws state_mismatch, and never quotes the code", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8 }),
        fc.string(),
        fc.string(),
        (code, state, expected) => {
          fc.pre(state !== expected);
          const query = new URLSearchParams({ code, state }).toString();
          const error = thrown(() => readAuthorizationResponse(`?${query}`, expected));
          expect(isInvalidArgumentError(error) && error.code).toBe("state_mismatch");
          expect((error as Error).message).not.toContain(code);
        },
      ),
    );
  });

  it("property: any input either returns a code or throws a typed error, never anything else", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (input, state) => {
        try {
          expect(typeof readAuthorizationResponse(input, state).code).toBe("string");
        } catch (error) {
          expect(isInvalidArgumentError(error) || isAuthenticationError(error)).toBe(true);
        }
      }),
    );
  });
});
