import {
  type AccessTokenInfo,
  createPackageLogger,
  TokenCredentialBase,
  type TokenCredentialBaseOptions,
  type TokenRequest,
} from "../../src/index.js";
import { ManualClock } from "./manual-clock.js";

/** What a hook does for one request: return a token, `undefined` (silent only), or throw. */
export type Hook<T> = (request: TokenRequest, call: number) => Promise<T> | T;

export const hourMs = 60 * 60_000;

/**
 * A credential whose two hooks are scripted by the test and record every request, so a test
 * can count exactly how often the base reached past its memory cache.
 */
export class ScriptedCredential extends TokenCredentialBase {
  readonly silentRequests: TokenRequest[] = [];
  readonly authorityRequests: TokenRequest[] = [];
  /** The silent hook; by default it issues a fresh token (as MSAL's silent call would). */
  silent: Hook<AccessTokenInfo | undefined>;
  /** The authority hook; by default it issues a fresh token. */
  authority: Hook<AccessTokenInfo>;
  private issued = 0;

  constructor(
    readonly manualClock: ManualClock = new ManualClock(),
    options: Partial<TokenCredentialBaseOptions> = {},
  ) {
    super("ScriptedCredential", createPackageLogger("core-test"), {
      tenantId: "tenant-a",
      env: {},
      clock: manualClock,
      ...options,
    });
    this.silent = (request) => this.issue(request);
    this.authority = (request) => this.issue(request);
  }

  /** Every hook call so far, silent and authority together. */
  get hookCalls(): number {
    return this.silentRequests.length + this.authorityRequests.length;
  }

  /** A new token for `request`: unique value, one-hour lifetime, no refresh hint. */
  issue(request: TokenRequest, lifetimeMs = hourMs): AccessTokenInfo {
    this.issued++;
    const now = this.manualClock.now();
    return {
      token: `token-${request.tenantId}-${[...request.scopes].sort().join("+")}-${this.issued}`,
      expiresOnTimestamp: now + lifetimeMs,
      refreshAfterTimestamp: now + lifetimeMs - 10 * 60_000,
      tokenType: "Bearer",
    };
  }

  clearCache(): void {
    this.clearMemoryCache();
  }

  protected override async acquireTokenSilently(
    request: TokenRequest,
  ): Promise<AccessTokenInfo | undefined> {
    this.silentRequests.push(request);
    return this.silent(request, this.silentRequests.length);
  }

  protected override async acquireTokenFromAuthority(
    request: TokenRequest,
  ): Promise<AccessTokenInfo> {
    this.authorityRequests.push(request);
    return this.authority(request, this.authorityRequests.length);
  }
}
