export type { AppRegistration } from "./app-registration.js";
export {
  consumersTenantId,
  defaultApps,
  defaultFamilyClientId,
  defaultGuestTenantDomain,
  defaultGuestTenantId,
  defaultPublicClientId,
  defaultSecondUsername,
  defaultTenantDomain,
  defaultTenantId,
  defaultTenants,
  defaultUsername,
  defaultUsers,
  defaultWebAppClientId,
  defaultWebAppRedirectUri,
  defaultWebAppSecret,
} from "./defaults.js";
export type {
  DevAuthority,
  DevAuthorityControls,
  DevUser,
  DevUserTenantProfile,
  MintCodeOptions,
} from "./dev-authority.js";
export type { DevAuthorityClock, DevAuthorityOptions } from "./dev-authority-options.js";
export type {
  Fault,
  FaultInjection,
  FaultKind,
  FaultMatch,
  PendingFault,
} from "./fault-injector.js";
export type { RefreshTokenFilter } from "./grant-store.js";
export type { RequestFilter, RequestLogEntry } from "./request-log.js";
export { redactedValue } from "./request-log.js";
export type { DevAuthorityEndpoint } from "./routes.js";
export type {
  SelfSignedCertificate,
  SelfSignedCertificateOptions,
} from "./self-signed-certificate.js";
export { createSelfSignedCertificate } from "./self-signed-certificate.js";
export { startDevAuthority } from "./start-dev-authority.js";
export type { TenantRegistration } from "./tenant-registration.js";
export type { TokenLifetimes } from "./token-lifetimes.js";
export { defaultTokenLifetimes } from "./token-lifetimes.js";
export type { UserRegistration } from "./user-registration.js";
