export { runWithAbortSignal } from "./abort-context.js";
export {
  type AttemptErrorKind,
  type AttemptRecord,
  type AttemptStopReason,
  type TransportErrorDetails,
  transportDetailsOf,
} from "./attempt-record.js";
export { authenticationErrorFromResponse } from "./authentication-error-from-response.js";
export type { CertificateAuthorities } from "./certificate-authorities.js";
export { createNetworkModule } from "./create-network-module.js";
export type {
  NetworkModule,
  NetworkRequestOptions,
  NetworkResponse,
} from "./network-module.js";
export { parseRetryAfter } from "./parse-retry-after.js";
export type { ProxyOptions } from "./proxy-settings.js";
export {
  currentTransportDiagnostics,
  runWithTransportContext,
  type TransportDiagnostics,
  transportErrorBehind,
} from "./transport-context.js";
export { type TransportOptions, transportDefaults } from "./transport-options.js";
export { transportVersion } from "./user-agent.js";
