import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRedactor, redact, redactedPlaceholder, redactUrl } from "../../src/index.js";

const jwt =
  "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJhdWQiOiJodHRwczovL3ZhdWx0LmF6dXJlLm5ldCJ9.SGVsbG8tc2lnbmF0dXJl";
const clientSecret = "Xy78Q~AbCdEf.gHiJkLmNoPqRsTuVwXyZ012345_-";
const authCode = "0.AXkAv4j5cvGGr0GRqy180BHbR1tzAplanted-code-value";
const refreshToken = "1.AXkAv4j5cvGGr0GRqy180BHbR-planted-refresh-token";

describe("redact: known shapes", () => {
  it("cleans an authorization-code form body and keeps the harmless fields", () => {
    const body = `client_id=04b07795&grant_type=authorization_code&code=${authCode}&redirect_uri=https%3A%2F%2Fapp%2Fcb&code_verifier=verifier-planted-123&client_secret=${encodeURIComponent(clientSecret)}`;
    const out = redact(body);

    expect(out).toBe(
      "client_id=04b07795&grant_type=authorization_code&code=[redacted]&redirect_uri=https%3A%2F%2Fapp%2Fcb&code_verifier=[redacted]&client_secret=[redacted]",
    );
  });

  it("cleans refresh-token and client-assertion bodies but keeps client_assertion_type", () => {
    const out = redact(
      `grant_type=refresh_token&refresh_token=${refreshToken}&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=${jwt}`,
    );

    expect(out).not.toContain(refreshToken);
    expect(out).not.toContain(jwt);
    expect(out).toContain("grant_type=refresh_token");
    expect(out).toContain("client_assertion_type=urn%3Aietf");
  });

  it("cleans query strings and fragments", () => {
    expect(redact(`GET https://app.example/cb?code=${authCode}&state=abc`)).toBe(
      "GET https://app.example/cb?code=[redacted]&state=abc",
    );
    expect(redact(`https://app.example/cb#access_token=${jwt}&token_type=Bearer`)).not.toContain(
      jwt,
    );
    expect(redact("https://acct.blob.core.windows.net/c/b?sv=2024&sig=abc%2Fdef%3D")).toContain(
      "sig=[redacted]",
    );
  });

  it("cleans JSON token responses, escaped quotes included", () => {
    const body = JSON.stringify({
      token_type: "Bearer",
      expires_in: 3599,
      access_token: jwt,
      refresh_token: refreshToken,
      id_token: jwt,
      client_info: "eyJ1aWQiOiIxMjMiLCJ1dGlkIjoiNDU2In0",
      password: 'pa"ss',
    });
    const out = redact(body);

    for (const secret of [jwt, refreshToken, "eyJ1aWQiOiIxMjMiLCJ1dGlkIjoiNDU2In0", 'pa\\"ss']) {
      expect(out).not.toContain(secret);
    }
    expect(JSON.parse(out)).toMatchObject({
      token_type: "Bearer",
      expires_in: 3599,
      access_token: redactedPlaceholder,
    });
  });

  it("cleans bearer, basic and PoP authorization headers", () => {
    expect(redact(`Authorization: Bearer ${jwt}`)).toBe("Authorization: Bearer [redacted]");
    expect(redact("authorization: Basic dXNlcjpwYXNzd29yZA==")).toBe(
      "authorization: Basic [redacted]",
    );
    expect(redact('{"Authorization":"PoP abcdefgh12345678"}')).toBe(
      '{"Authorization":"PoP [redacted]"}',
    );
  });

  it("cleans a bare JWT anywhere in a line", () => {
    expect(redact(`token was ${jwt}, then`)).toBe("token was [redacted], then");
  });

  it("cleans an MSAL log line that quotes a request", () => {
    const line = `[Tue, 25 Nov 2025 11:54:03 GMT] : [c4f1e2d3-b4a5-4c6d-8e7f-a0b1c2d3e4f5] : @azure/msal-node@3.8.1 : Verbose - Sending token request, body: client_id=04b0&refresh_token=${refreshToken}&grant_type=refresh_token`;
    const out = redact(line);

    expect(out).not.toContain(refreshToken);
    expect(out).toContain("@azure/msal-node@3.8.1 : Verbose - Sending token request");
  });

  it("leaves ordinary text alone", () => {
    const text =
      "AuthorizationCodeCredential => getToken: token acquired tenant=contoso.onmicrosoft.com scopes=https://vault.azure.net/.default expiresOn=2030-01-01T01:00:00.000Z error_codes=[54005]";

    expect(redact(text)).toBe(text);
  });
});

describe("redactUrl", () => {
  it("drops the query string and the fragment", () => {
    expect(redactUrl(`https://app.example/cb?code=${authCode}&state=s`)).toBe(
      "https://app.example/cb?[redacted]",
    );
    expect(redactUrl(`https://app.example/cb#access_token=${jwt}`)).not.toContain(jwt);
  });

  it("returns a URL without query unchanged", () => {
    expect(redactUrl("https://login.microsoftonline.com/common/oauth2/v2.0/token")).toBe(
      "https://login.microsoftonline.com/common/oauth2/v2.0/token",
    );
  });
});

describe("createRedactor", () => {
  it("also removes known secret values in shapes no pattern recognises", () => {
    const scrub = createRedactor([clientSecret, undefined, "abc"]);

    expect(scrub(`the secret ${clientSecret} leaked`)).toBe("the secret [redacted] leaked");
    expect(scrub("abc stays: too short to be a secret")).toBe(
      "abc stays: too short to be a secret",
    );
  });

  it("removes a known secret whose characters a pattern would cut in two", () => {
    const secret = "pa&ss word'planted";
    const scrub = createRedactor([secret]);

    const out = scrub(`password=${secret}`);

    expect(out).not.toContain("planted");
    expect(out).not.toContain("ss word");
  });

  it("removes the URL-encoded form of a known secret", () => {
    const scrub = createRedactor([clientSecret]);

    expect(scrub(`x ${encodeURIComponent(clientSecret)} y`)).not.toContain(
      encodeURIComponent(clientSecret),
    );
    expect(
      scrub(`x ${new URLSearchParams({ s: clientSecret }).toString().slice(2)} y`),
    ).not.toMatch(/AbCdEf/);
  });

  it("removes a longer secret entirely when a shorter one is inside it", () => {
    const scrub = createRedactor(["planted", "xx-planted-secret-xx"]);

    expect(scrub("see xx-planted-secret-xx here")).toBe("see [redacted] here");
  });
});

// Alphabets secrets are really made of: base64url (codes, refresh tokens), base64 (compact
// tickets), hex, Entra client secrets (with "~"), MSA refresh tokens (with "!", "*", "$").
const alphabets = [
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=",
  "0123456789abcdef",
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-",
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*$._-",
];
const secretArb = fc
  .constantFrom(...alphabets)
  .chain((alphabet) =>
    fc.string({ unit: fc.constantFrom(...alphabet), minLength: 8, maxLength: 80 }),
  );
const segment = fc.string({
  unit: fc.constantFrom(..."ABCDEFabcdef0123456789-_"),
  minLength: 8,
  maxLength: 60,
});
const jwtArb = fc.tuple(segment, segment, segment).map(([h, p, s]) => `eyJ${h}.${p}.${s}`);

// Each shape plants the secret where real traffic carries one.
const shapes: ((secret: string) => string)[] = [
  (s) =>
    `grant_type=authorization_code&code=${s}&redirect_uri=https%3A%2F%2Fapp%2Fcb&client_id=04b0`,
  (s) => `client_id=04b0&client_secret=${s}&scope=https%3A%2F%2Fvault.azure.net%2F.default`,
  (s) => `grant_type=refresh_token&refresh_token=${s}`,
  (s) => `client_assertion_type=urn%3Ajwt-bearer&client_assertion=${s}`,
  (s) => `code_verifier=${s}&grant_type=authorization_code`,
  (s) => `username=alice&password=${s}`,
  (s) => `https://app.example/cb?state=xyz&code=${s}&session_state=abc`,
  (s) => `https://app.example/cb#access_token=${s}&token_type=Bearer`,
  (s) => `https://acct.blob.core.windows.net/c/b?sv=2024-01-01&sig=${s}`,
  (s) => JSON.stringify({ token_type: "Bearer", access_token: s, refresh_token: "x" }),
  (s) => JSON.stringify({ refresh_token: s, expires_in: 3600 }),
  (s) => JSON.stringify({ id_token: s, client_info: "abc" }),
  (s) => `{ "client_secret" : "${s}" }`,
  (s) => `Authorization: Bearer ${s}`,
  (s) => `{"authorization":"Bearer ${s}","x-ms-client-request-id":"1"}`,
  (s) => `authorization: PoP ${s}`,
  (s) =>
    `[Tue, 25 Nov 2025 11:54:03 GMT] : [] : @azure/msal-node@3.8.1 : Verbose - request body: client_id=a&refresh_token=${s}&grant_type=refresh_token`,
  (s) =>
    `[Tue, 25 Nov 2025 11:54:03 GMT] : [] : @azure/msal-common@15.13.1 : Info - Redirect: https://app.example/cb?code=${s}&state=1`,
];

/** Every 8-character window of `secret`: a leak of any of them is a leak. */
function windows(secret: string): string[] {
  return Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8));
}

describe("redact: properties", () => {
  it("never lets a planted secret (or any 8-character piece of it) through", () => {
    fc.assert(
      fc.property(
        fc.oneof(secretArb, jwtArb),
        fc.integer({ min: 0, max: shapes.length - 1 }),
        (secret, i) => {
          const shape = shapes[i] as (s: string) => string;
          const scaffold = shape("");
          fc.pre(windows(secret).every((w) => !scaffold.includes(w)));

          const out = redact(shape(secret));

          for (const piece of windows(secret)) expect(out).not.toContain(piece);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("never lets a bare JWT through, wherever it sits in text", () => {
    fc.assert(
      fc.property(jwtArb, fc.constantFrom(" ", "(", "'", '"', ":", ">", "\n"), (token, before) => {
        const out = redact(`token${before}${token} end`);
        expect(out).not.toContain(token.slice(0, 12));
      }),
    );
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(
        fc.oneof(secretArb, jwtArb),
        fc.integer({ min: 0, max: shapes.length - 1 }),
        (secret, i) => {
          const once = redact((shapes[i] as (s: string) => string)(secret));
          expect(redact(once)).toBe(once);
        },
      ),
    );
  });

  it("createRedactor removes a known secret from any text", () => {
    fc.assert(
      fc.property(secretArb, fc.string(), fc.string(), (secret, before, after) => {
        fc.pre(!before.includes(secret) && !after.includes(secret));
        fc.pre(!`${before}${after}`.includes(secret.slice(0, 4)));
        const out = createRedactor([secret])(`${before}${secret}${after}`);
        expect(out).not.toContain(secret);
      }),
    );
  });

  it("redactUrl never keeps anything after ? or #", () => {
    fc.assert(
      fc.property(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        secretArb,
        (url, secret) => {
          const out = redactUrl(`${url}${url.includes("?") ? "&" : "?"}code=${secret}`);
          expect(out).not.toContain(secret);
          expect(out.indexOf("?")).toBe(out.lastIndexOf("?"));
        },
      ),
    );
  });
});
