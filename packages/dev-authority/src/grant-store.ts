// Authorization codes and refresh tokens. Values are opaque random strings handed to the client;
// the store keys them by SHA-256 digest, so it never holds a usable code or token itself.
import { createHash, randomBytes } from "node:crypto";

/** @internal What an authorization code stands for. */
export interface CodeGrant {
  readonly clientId: string;
  readonly username: string;
  /** Tenant the tokens are issued in. */
  readonly tenantId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly codeChallenge: string | undefined;
  readonly codeChallengeMethod: "S256" | "plain" | undefined;
  readonly nonce: string | undefined;
  readonly clientCapabilities: readonly string[];
  /** Session generation at sign-in; a revocation bumps the user's generation. */
  readonly generation: number;
  /** Sign-in time, epoch seconds. */
  readonly authTime: number;
  readonly issuedAt: number;
  expiresAt: number;
  redeemed: boolean;
}

/** @internal What a refresh token stands for. */
export interface RefreshGrant {
  readonly clientId: string;
  readonly familyId: string | undefined;
  readonly username: string;
  readonly generation: number;
  readonly authTime: number;
  readonly issuedAt: number;
  expiresAt: number;
  /** Set once the token was redeemed: it stays usable until this instant (epoch ms). */
  rotatedUntil: number | undefined;
}

/** Which refresh tokens a bulk expiry applies to (see `DevAuthority.expireRefreshTokens`). */
export interface RefreshTokenFilter {
  readonly username?: string;
  readonly clientId?: string;
}

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest("base64url");

/** @internal */
export class GrantStore {
  private readonly codes = new Map<string, CodeGrant>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();

  issueCode(grant: CodeGrant): string {
    this.prune(grant.issuedAt);
    // Entra's codes and refresh tokens are opaque; the prefixes only help a human tell them apart.
    const code = `0.A${randomBytes(48).toString("base64url")}`;
    this.codes.set(digest(code), grant);
    return code;
  }

  code(value: string): CodeGrant | undefined {
    return this.codes.get(digest(value));
  }

  issueRefreshToken(grant: RefreshGrant): string {
    const token = `1.A${randomBytes(64).toString("base64url")}`;
    this.refreshTokens.set(digest(token), grant);
    return token;
  }

  refreshToken(value: string): RefreshGrant | undefined {
    return this.refreshTokens.get(digest(value));
  }

  expireCode(value: string, now: number): boolean {
    const grant = this.code(value);
    if (grant) grant.expiresAt = now;
    return grant !== undefined;
  }

  expireRefreshToken(value: string, now: number): boolean {
    const grant = this.refreshToken(value);
    if (grant) grant.expiresAt = now;
    return grant !== undefined;
  }

  expireRefreshTokens(filter: RefreshTokenFilter, now: number): number {
    let count = 0;
    for (const grant of this.refreshTokens.values()) {
      if (filter.username !== undefined && grant.username !== filter.username.toLowerCase())
        continue;
      if (filter.clientId !== undefined && grant.clientId !== filter.clientId) continue;
      if (grant.expiresAt > now) count++;
      grant.expiresAt = Math.min(grant.expiresAt, now);
    }
    return count;
  }

  clear(): void {
    this.codes.clear();
    this.refreshTokens.clear();
  }

  private prune(now: number): void {
    // Keep spent codes for a day after expiry so a late replay still gets AADSTS54005/70008.
    if (this.codes.size < 1000) return;
    for (const [key, grant] of this.codes) {
      if (grant.expiresAt + 86_400_000 < now) this.codes.delete(key);
    }
  }
}
