export { type EntraErrorBody, type EntraErrorOptions, entraError } from "./entra/entra-error.js";
export { type InstanceDiscoveryBody, instanceDiscovery } from "./entra/instance-discovery.js";
export {
  type OpenIdConfigurationBody,
  openIdConfiguration,
} from "./entra/open-id-configuration.js";
export {
  type ClientInfo,
  defaultClientInfo,
  type TokenResponseBody,
  type TokenResponseOptions,
  tokenResponse,
} from "./entra/token-response.js";
export { base64url, decodeJwtPayload, unsignedJwt } from "./entra/unsigned-jwt.js";
export {
  type DescribeWithServiceOptions,
  describeWithService,
} from "./gates/describe-with-service.js";
export {
  decideServiceGate,
  type GateEnv,
  requireService,
  type ServiceAvailability,
  type ServiceGateDecision,
  type ServiceProbe,
} from "./gates/service-gate.js";
export { ManualClock, type ManualClockOptions } from "./manual-clock.js";
export { FakeNetworkModule } from "./network/fake-network-module.js";
export type {
  NetworkModule,
  NetworkRequestOptions,
  NetworkResponse,
} from "./network/network-module.js";
export type { HttpMethod, RecordedRequest } from "./network/recorded-request.js";
export {
  type FakeResponse,
  inSequence,
  onceThen,
  type Responder,
  type ResponderFunction,
  ResponseQueue,
} from "./network/responder.js";
export type { UrlPattern } from "./network/url-pattern.js";
export { type ChildResult, lastJson, runNode } from "./run-node.js";
export { findIssuedValueLeaks, telltaleFragments } from "./secrets/issued-value-leaks.js";
export { captureAzureLogs, LogCapture } from "./secrets/log-capture.js";
export type { LeakForm, PlantedSecret } from "./secrets/planted-secret.js";
export { type SecretFinding, SecretLeakError } from "./secrets/secret-leak-error.js";
export {
  createSecretScanner,
  type ScanSource,
  type SecretScanner,
} from "./secrets/secret-scanner.js";
export {
  findExecutable,
  probeCommands,
  type RequiredCommand,
} from "./services/find-executable.js";
export { freePort } from "./services/free-port.js";
export { pingRedis } from "./services/ping-redis.js";
export {
  probeRedisServer,
  type RedisServer,
  type StartRedisServerOptions,
  startRedisServer,
} from "./services/redis-server.js";
export {
  probeSecretService,
  type SecretService,
  type SecretServiceEnv,
  type StartSecretServiceOptions,
  startSecretService,
} from "./services/secret-service.js";
export {
  createSelfSignedCertificate,
  probeOpenssl,
  type SelfSignedCertificate,
  type SelfSignedCertificateOptions,
} from "./services/self-signed-certificate.js";
export { type ProcessExit, ServiceProcess } from "./services/service-process.js";
export { type TempDir, tempDir } from "./services/temp-dir.js";
export { type WaitOutcome, waitUntil } from "./services/wait-until.js";
export { TestkitError, type TestkitErrorCode } from "./testkit-error.js";
