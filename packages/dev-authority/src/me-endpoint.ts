// `GET /me`: a tiny Graph-like resource API that accepts only access tokens from this authority
// (signature, expiry, audience, issuer) and enforces CAE for `cp1` tokens, as Graph does.
import type { AuthorityState } from "./authority-state.js";
import { decodeJwt, verifyJwtSignature } from "./jwt.js";
import type { RequestContext } from "./request-context.js";
import { graphResource } from "./scopes.js";
import { claimsChallenge } from "./session-revocations.js";
import { decodeAio } from "./token-issuer.js";
import type { RegisteredUser } from "./user-registration.js";

const graphAppId = "00000003-0000-0000-c000-000000000000";
const audiences = new Set([graphResource, `${graphResource}/`, graphAppId]);

interface Denial {
  readonly description: string;
  readonly error?: string;
  readonly claims?: string;
}

type Verdict = { readonly user: RegisteredUser; readonly claims: Record<string, unknown> } | Denial;

function judge(state: AuthorityState, authorization: string | undefined): Verdict {
  if (!authorization?.startsWith("Bearer ")) return { description: "Access token is empty." };
  const jwt = decodeJwt(authorization.slice(7).trim());
  if (!jwt) return { description: "Access token is not a JWT." };
  if (
    jwt.header.alg !== "RS256" ||
    jwt.header.kid !== state.signingKey.kid ||
    !verifyJwtSignature(jwt, state.signingKey.publicKey)
  ) {
    return { description: "Signature validation failed." };
  }
  const { exp, nbf, aud, iss, tid, oid, xms_cc: capabilities, aio } = jwt.payload;
  const now = Math.floor(state.now() / 1000);
  if (typeof exp !== "number" || now >= exp) {
    return { description: "Lifetime validation failed, the token is expired." };
  }
  if (typeof nbf === "number" && nbf > now + 300) {
    return { description: "Lifetime validation failed, the token is not yet valid." };
  }
  if (typeof aud !== "string" || !audiences.has(aud)) return { description: "Invalid audience." };
  if (typeof tid !== "string" || iss !== `https://sts.windows.net/${tid}/`) {
    return { description: "Invalid issuer." };
  }
  const user = typeof oid === "string" ? state.directory.userByObjectId(tid, oid) : undefined;
  if (!user) return { description: "The user in the token does not exist." };
  const revocation = state.revocations.revocation(user.username);
  const caeCapable = Array.isArray(capabilities) && capabilities.includes("cp1");
  // Only CAE-capable tokens are checked against revocations; others live until they expire.
  if (revocation && caeCapable && (decodeAio(aio) ?? 0) < revocation.generation) {
    return {
      description:
        "Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp",
      error: "insufficient_claims",
      claims: Buffer.from(claimsChallenge(revocation)).toString("base64"),
    };
  }
  return { user, claims: jwt.payload };
}

/** @internal */
export function handleMe(ctx: RequestContext): void {
  const { state } = ctx;
  if (ctx.req.method !== "GET") {
    ctx.respondJson(405, { error: { code: "Request_BadRequest", message: "Use GET." } });
    return;
  }
  const verdict = judge(state, ctx.req.headers.authorization);
  if ("description" in verdict) {
    const claims = verdict.claims === undefined ? "" : `, claims="${verdict.claims}"`;
    ctx.respondJson(
      401,
      { error: { code: "InvalidAuthenticationToken", message: verdict.description } },
      {
        "www-authenticate": `Bearer realm="", authorization_uri="${state.baseUrl}/common/oauth2/v2.0/authorize", client_id="${graphAppId}", error="${verdict.error ?? "invalid_token"}", error_description="${verdict.description}"${claims}`,
      },
    );
    return;
  }
  const { user, claims } = verdict;
  ctx.respondJson(200, {
    id: claims.oid,
    displayName: user.displayName,
    userPrincipalName: user.username,
    mail: user.username,
    tenantId: claims.tid,
    homeTenantId: user.homeTenantId,
  });
}
