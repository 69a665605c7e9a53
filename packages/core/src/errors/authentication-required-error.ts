import type { GetTokenOptions } from "@azure/core-auth";
import { type EntrakitErrorFields, entrakitErrorMarker, markEntrakitError } from "./entrakit-error";

/** Why a person has to sign in again. */
export type AuthenticationRequiredCode =
  | "authentication_required"
  | "code_spent"
  | "refresh_token_expired"
  | "interaction_required"
  | (string & {});

/** Options of {@link AuthenticationRequiredError}, as in `@azure/identity`. */
export interface AuthenticationRequiredErrorOptions<Code extends string> {
  /** The scopes that were requested. */
  scopes: string[];
  /** The options of the `getToken` call that needed interaction. */
  getTokenOptions?: GetTokenOptions;
  /** `<Component>: <what happened>. <what to do>.` Never a secret. */
  message?: string;
  /** A stable code; defaults to `"authentication_required"`. */
  code?: Code;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * Silent authentication is no longer possible: a person must sign in again (the refresh token
 * expired or was revoked, or the only authorization code was already spent).
 */
export class AuthenticationRequiredError<Code extends string = AuthenticationRequiredCode>
  extends Error
  implements EntrakitErrorFields<Code>
{
  declare readonly code: Code;
  declare readonly [entrakitErrorMarker]: true;
  /** The scopes that were requested. */
  readonly scopes: string[];
  /** The options of the `getToken` call that needed interaction. */
  readonly getTokenOptions?: GetTokenOptions;

  constructor(options: AuthenticationRequiredErrorOptions<Code>) {
    super(
      options.message ?? "Interactive authentication is required to get a token. Sign in again.",
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = "AuthenticationRequiredError";
    this.scopes = options.scopes;
    if (options.getTokenOptions !== undefined) this.getTokenOptions = options.getTokenOptions;
    markEntrakitError(this, options.code ?? "authentication_required");
  }
}
