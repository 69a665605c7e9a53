/** An account in the shared cache that {@link SharedTokenCacheCredential} can use. No secrets. */
export interface SharedCacheAccount {
  /** The user principal name, e.g. `alice@contoso.com`; pass it as `username`. */
  readonly username: string;
  /** MSAL's home account id, `<object id>.<home tenant id>`. */
  readonly homeAccountId: string;
  /** The home tenant; pass it as `tenantId` to tell accounts with the same username apart. */
  readonly homeTenantId: string;
  /** Every tenant the account has a profile in or holds tokens for, the home tenant first. */
  readonly tenantIds: readonly string[];
  /** The cloud's host the account signed in at, as cached (e.g. `login.microsoftonline.com`). */
  readonly cloud: string;
}
