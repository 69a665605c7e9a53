// Continuous access evaluation: revoking a user's sessions invalidates every grant issued before,
// and yields the claims challenge that CAE-capable (`cp1`) clients must answer.
import { aadsts } from "./aadsts-errors.js";
import { isRecord } from "./jwt.js";

/** @internal A user's latest revocation. */
export interface Revocation {
  readonly generation: number;
  /** Epoch ms. */
  readonly revokedAt: number;
}

/** @internal Client capabilities and challenge answers carried by a `claims` parameter. */
export interface RequestClaims {
  readonly capabilities: readonly string[];
  /** `access_token.nbf.value` in epoch seconds, when the client answers a CAE challenge. */
  readonly nbf: number | undefined;
}

/** @internal */
export class SessionRevocations {
  private readonly revocations = new Map<string, Revocation>();

  generation(username: string): number {
    return this.revocations.get(username.toLowerCase())?.generation ?? 0;
  }

  revocation(username: string): Revocation | undefined {
    return this.revocations.get(username.toLowerCase());
  }

  revoke(username: string, now: number): Revocation {
    const revocation = { generation: this.generation(username) + 1, revokedAt: now };
    this.revocations.set(username.toLowerCase(), revocation);
    return revocation;
  }

  clear(): void {
    this.revocations.clear();
  }
}

/** @internal The CAE claims challenge for a revocation, in the JSON form Entra sends. */
export function claimsChallenge(revocation: Revocation): string {
  const nbf = String(Math.floor(revocation.revokedAt / 1000));
  return JSON.stringify({ access_token: { nbf: { essential: true, value: nbf } } });
}

/**
 * @internal Parses a `claims` request parameter.
 * @throws OAuthError AADSTS9002313 when it is not a JSON object.
 */
export function parseRequestClaims(raw: string | null | undefined): RequestClaims {
  if (raw === null || raw === undefined || raw === "") return { capabilities: [], nbf: undefined };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw aadsts.malformedRequest("The claims parameter is not valid JSON.");
  }
  if (!isRecord(parsed))
    throw aadsts.malformedRequest("The claims parameter must be a JSON object.");
  const accessToken = isRecord(parsed.access_token) ? parsed.access_token : {};
  const xmsCc = isRecord(accessToken.xms_cc) ? accessToken.xms_cc : {};
  const values = Array.isArray(xmsCc.values) ? xmsCc.values : [];
  const nbfClaim = isRecord(accessToken.nbf) ? accessToken.nbf.value : undefined;
  const nbf = Number(nbfClaim);
  return {
    capabilities: values.filter((value): value is string => typeof value === "string"),
    nbf: nbfClaim === undefined || !Number.isFinite(nbf) ? undefined : nbf,
  };
}

/**
 * @internal Refuses a grant from a revoked session. A `cp1` client that has not answered the
 * challenge gets `interaction_required` with the claims to send; everyone else `invalid_grant`.
 */
export function assertSessionValid(
  grant: { readonly generation: number; readonly issuedAt: number },
  revocation: Revocation | undefined,
  claims: RequestClaims,
): void {
  if (revocation === undefined || grant.generation >= revocation.generation) return;
  const answered =
    claims.nbf !== undefined && claims.nbf >= Math.floor(revocation.revokedAt / 1000);
  const issuedAt = new Date(grant.issuedAt);
  const validFrom = new Date(revocation.revokedAt);
  if (claims.capabilities.includes("cp1") && !answered) {
    throw aadsts.grantRevoked(
      issuedAt,
      validFrom,
      "interaction_required",
      claimsChallenge(revocation),
    );
  }
  throw aadsts.grantRevoked(issuedAt, validFrom);
}
