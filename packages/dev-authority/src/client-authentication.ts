// Client authentication at the token endpoint: none for public clients, a secret (form or HTTP
// Basic) or a signed client assertion (private_key_jwt, RS256/PS256) for confidential ones.
import { aadsts } from "./aadsts-errors.js";
import { type RegisteredApp, secretMatches } from "./app-registration.js";
import { decodeJwt, verifyJwtSignature } from "./jwt.js";
import type { RequestContext } from "./request-context.js";

const jwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** Entra tolerates five minutes of clock skew on assertion times. */
const skewSeconds = 300;

/**
 * @internal Authenticates the client and returns the `appidacr` claim value.
 * @throws OAuthError (401 `invalid_client`) with AADSTS7000218, 7000215, 700025, 700027,
 * 700024, 700021 or 50027.
 */
export function authenticateClient(ctx: RequestContext, app: RegisteredApp): "0" | "1" | "2" {
  const secret = ctx.form.get("client_secret") ?? ctx.basicCredentials()?.secret;
  const assertion = ctx.form.get("client_assertion");
  if (app.isPublicClient) {
    if (secret || assertion) throw aadsts.publicClientCredential();
    return "0";
  }
  if (assertion) {
    verifyClientAssertion(ctx, app, assertion);
    return "2";
  }
  if (secret) {
    if (!secretMatches(app, secret)) throw aadsts.invalidClientSecret(app.clientId);
    return "1";
  }
  throw aadsts.missingClientCredential();
}

function verifyClientAssertion(ctx: RequestContext, app: RegisteredApp, assertion: string): void {
  if (ctx.form.get("client_assertion_type") !== jwtBearer) {
    throw aadsts.assertionMalformed(`client_assertion_type must be '${jwtBearer}'.`);
  }
  const jwt = decodeJwt(assertion);
  if (!jwt) throw aadsts.assertionMalformed("The client_assertion is not a JWT.");
  const x5tS256 = jwt.header["x5t#S256"];
  const x5t = jwt.header.x5t;
  const candidates = app.credentials.filter((credential) => {
    if (credential.x5t === undefined) return true;
    if (typeof x5tS256 === "string") return credential.x5tS256 === x5tS256;
    if (typeof x5t === "string") return credential.x5t === x5t;
    return true;
  });
  if (candidates.length === 0) throw aadsts.assertionSignature("The key was not found.");
  if (!candidates.some((credential) => verifyJwtSignature(jwt, credential.publicKey))) {
    throw aadsts.assertionSignature("The signature does not verify with a registered key.");
  }
  const { iss, sub, aud, exp, nbf } = jwt.payload;
  if (iss !== app.clientId || sub !== app.clientId) throw aadsts.assertionIssuer();
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.some((value) => isOwnAudience(ctx.state.baseUrl, value))) {
    throw aadsts.assertionMalformed("The audience must be this authority's token endpoint.");
  }
  const now = Math.floor(ctx.state.now() / 1000);
  if (typeof exp !== "number" || now > exp + skewSeconds) throw aadsts.assertionTime();
  if (typeof nbf === "number" && nbf > now + skewSeconds) throw aadsts.assertionTime();
}

function isOwnAudience(baseUrl: string, value: unknown): boolean {
  if (typeof value !== "string" || !value.startsWith(`${baseUrl}/`)) return false;
  return /\/oauth2\/(v2\.0\/)?token$|\/v2\.0$/.test(value);
}
