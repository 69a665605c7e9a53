import { type EntrakitErrorFields, entrakitErrorMarker, markEntrakitError } from "./entrakit-error";

/** Why a credential could not even try. Each package adds its own codes. */
export type CredentialUnavailableCode =
  | "credential_unavailable"
  | "no_accounts"
  | "no_matching_account"
  | "multiple_matching_accounts"
  | "cache_unavailable"
  | "keyring_unavailable"
  | "platform_not_supported"
  | (string & {});

/**
 * The credential cannot try to get a token here: no cache, no account, an unsupported platform.
 * A credential chain moves on to its next credential. The `name` is the one
 * `@azure/identity`'s `ChainedTokenCredential` looks for.
 */
export class CredentialUnavailableError<Code extends string = CredentialUnavailableCode>
  extends Error
  implements EntrakitErrorFields<Code>
{
  declare readonly code: Code;
  declare readonly [entrakitErrorMarker]: true;

  /**
   * @param message - `<Component>: <what happened>. <what to do>.` Never a secret.
   * @param options - `code` (defaults to `"credential_unavailable"`) and the underlying `cause`.
   */
  constructor(message: string, options: { code?: Code; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CredentialUnavailableError";
    markEntrakitError(this, options.code ?? "credential_unavailable");
  }
}
