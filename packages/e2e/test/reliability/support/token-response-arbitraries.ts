// Token-endpoint answers for property tests: anything at all, real token responses with fields
// changed to odd values, and real Entra errors edited, under assorted statuses and headers.
import { entraError, type FakeResponse, tokenResponse } from "@entrakit/testkit";
import fc from "fast-check";
import { awkwardJson, jsonMutation, mutateJson } from "./json-mutation";
import { cachedScope } from "./shared-cache-json";

/** What the fake authority grants: the scope asked for plus the OpenID scopes. */
export const grantedScope = `https://vault.azure.net/user_impersonation ${cachedScope} openid profile offline_access`;

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Values a field of a token response may hold when something upstream is broken. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  awkwardJson,
  fc.constantFrom(-1, 0, 1e12, 2 ** 53, "3600", "abc", "", null, true),
  // A JWT-shaped string whose payload is anything.
  fc
    .tuple(awkwardJson, fc.string({ maxLength: 8 }))
    .map(([payload, signature]) => `eyJhbGciOiJub25lIn0.${base64url(payload)}.${signature}`),
  // client_info-shaped: base64url of anything.
  awkwardJson.map(base64url),
);

const tokenField = fc.constantFrom(
  "access_token",
  "expires_in",
  "ext_expires_in",
  "refresh_in",
  "token_type",
  "scope",
  "id_token",
  "client_info",
  "refresh_token",
  "foci",
  "error",
  "error_codes",
);

/** A body: anything at all, a real token response with fields changed, or a real error changed. */
export function bodyFor(clientId: string): fc.Arbitrary<unknown> {
  const valid = () => tokenResponse({ scope: grantedScope, clientId, foci: true }).body;
  return fc.oneof(
    awkwardJson,
    fc
      .array(fc.tuple(tokenField, oddValue), { minLength: 1, maxLength: 4 })
      .map((changes) => ({ ...valid(), ...Object.fromEntries(changes) })),
    fc
      .array(jsonMutation, { minLength: 1, maxLength: 3 })
      .map((mutations) => mutations.reduce(mutateJson, valid() as unknown)),
    fc
      .tuple(
        fc.constantFrom("invalid_grant", "invalid_client", "interaction_required", "weird_error"),
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 3 }),
        fc.array(jsonMutation, { maxLength: 2 }),
      )
      .map(([error, codes, mutations]) =>
        mutations.reduce(mutateJson, entraError({ error, codes }).body as unknown),
      ),
  );
}

/** A whole answer of the token endpoint, for an app with `clientId`. */
export function answerFor(clientId: string): fc.Arbitrary<FakeResponse> {
  return fc.record({
    status: fc.constantFrom(200, 200, 200, 400, 401, 403, 404, 408, 429, 500, 502, 503, 504),
    headers: fc.dictionary(
      fc.constantFrom("retry-after", "content-type", "x-ms-request-id"),
      fc.string({ maxLength: 12 }),
      { maxKeys: 2 },
    ),
    body: bodyFor(clientId),
  });
}
