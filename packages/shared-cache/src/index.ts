export {
  type AuthenticationRecord,
  deserializeAuthenticationRecord,
  serializeAuthenticationRecord,
} from "@entrakit/core";
export type { SharedCacheAccount } from "./shared-cache-account";
export {
  developerSignOnClientId,
  SharedTokenCacheCredential,
} from "./shared-token-cache-credential";
export type { SharedTokenCacheCredentialOptions } from "./shared-token-cache-credential-options";
