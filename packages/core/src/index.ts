export type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/core-auth";
export type { AccessTokenInfo } from "./access-token-info";
export {
  type AuthenticationRecord,
  deserializeAuthenticationRecord,
  serializeAuthenticationRecord,
} from "./authentication-record";
export {
  authorityUrl,
  type NormalizeAuthorityHostOptions,
  normalizeAuthorityHost,
} from "./authority";
export {
  type AzureAuthorityHost,
  AzureAuthorityHosts,
  aliasesOfHost,
  cloudHostAliases,
} from "./authority-hosts";
export { type Clock, systemClock } from "./clock";
export {
  AuthenticationError,
  type AuthenticationErrorCode,
  type AuthenticationErrorOptions,
} from "./errors/authentication-error";
export {
  type AuthenticationRequiredCode,
  AuthenticationRequiredError,
  type AuthenticationRequiredErrorOptions,
} from "./errors/authentication-required-error";
export {
  type CredentialUnavailableCode,
  CredentialUnavailableError,
} from "./errors/credential-unavailable-error";
export {
  aadstsCode,
  type EntraErrorResponse,
  parseEntraErrorResponse,
} from "./errors/entra-error-response";
export {
  type EntrakitErrorFields,
  entrakitErrorMarker,
  isEntrakitError,
  markEntrakitError,
} from "./errors/entrakit-error";
export {
  isAuthenticationError,
  isAuthenticationRequiredError,
  isCredentialUnavailableError,
  isInvalidArgumentError,
} from "./errors/error-guards";
export { type InvalidArgumentCode, InvalidArgumentError } from "./errors/invalid-argument-error";
export {
  fromMsalError,
  isMsalError,
  type MsalErrorContext,
  type MsalErrorLike,
} from "./errors/msal-error";
export {
  coreLogger,
  createPackageLogger,
  formatLogLine,
  type LogFacts,
  type LogLevel,
} from "./logging/logger";
export { createRedactor, redact, redactedPlaceholder, redactUrl } from "./logging/redact";
export { createMsalLoggerOptions, type MsalLoggerOptions } from "./msal-logger-options";
export { accessTokenFromMsalResult, type MsalResultLike } from "./msal-result";
export {
  isMultiTenantDisabled,
  type MultiTenantOptions,
  resolveTenantId,
  type TenantResolution,
} from "./multi-tenant";
export {
  computeRefreshAfter,
  refreshBeforeExpiryMs,
  refreshDueAt,
  refreshRetryDelayMs,
} from "./refresh-policy";
export { checkScopes, resourceOfScope } from "./scopes";
export { type AbortSignalLike, SingleFlight } from "./single-flight";
export { checkTenantId } from "./tenant-id";
export { TokenCredentialBase, type TokenCredentialBaseOptions } from "./token-credential-base";
export type { TokenRequest } from "./token-request";
