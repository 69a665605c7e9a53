// Compile-only: `tsc -p tsconfig.json` (the package's typecheck) fails if these stop holding.
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { ChainedTokenCredential } from "@azure/identity";
import { expectTypeOf } from "vitest";
import {
  type AccessTokenInfo,
  type AuthenticationError,
  createPackageLogger,
  isAuthenticationError,
  TokenCredentialBase,
  type TokenRequest,
} from "../src/index.js";

expectTypeOf<AccessTokenInfo>().toExtend<AccessToken>();
expectTypeOf<AccessTokenInfo["refreshAfterTimestamp"]>().toEqualTypeOf<number>();
expectTypeOf<AccessTokenInfo["tokenType"]>().toEqualTypeOf<"Bearer" | "pop">();
expectTypeOf<AccessToken>().not.toExtend<AccessTokenInfo>();

class MinimalCredential extends TokenCredentialBase {
  constructor() {
    super("MinimalCredential", createPackageLogger("types"), { tenantId: "common" });
  }
  protected override async acquireTokenSilently(): Promise<AccessTokenInfo | undefined> {
    return undefined;
  }
  protected override async acquireTokenFromAuthority(
    request: TokenRequest,
  ): Promise<AccessTokenInfo> {
    return {
      token: request.scopes.join(),
      expiresOnTimestamp: 0,
      refreshAfterTimestamp: 0,
      tokenType: "Bearer",
    };
  }
}

expectTypeOf<MinimalCredential>().toExtend<TokenCredential>();
const asTokenCredential: TokenCredential = new MinimalCredential();
// Any Azure SDK client or @azure/identity's chain accepts it.
new ChainedTokenCredential(asTokenCredential, new MinimalCredential());

expectTypeOf(new MinimalCredential().getToken("scope")).resolves.toEqualTypeOf<AccessTokenInfo>();
expectTypeOf(
  new MinimalCredential().getTokenInfo(["a", "b"] as const),
).resolves.toExtend<AccessToken>();

declare const unknownError: unknown;
if (isAuthenticationError(unknownError)) {
  expectTypeOf(unknownError).toExtend<AuthenticationError>();
  expectTypeOf(unknownError.statusCode).toEqualTypeOf<number>();
}

// @ts-expect-error: the hooks are abstract; a subclass without them does not compile.
class Incomplete extends TokenCredentialBase {}
void Incomplete;
