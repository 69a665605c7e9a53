export { AuthorizationCodeCredential } from "./authorization-code-credential";
export type { AuthorizationCodeCredentialOptions } from "./authorization-code-credential-options";
export {
  type AuthorizationRequest,
  type AuthorizationRequestOptions,
  createAuthorizationRequest,
  readAuthorizationResponse,
} from "./authorization-request";
export type { ClientCertificateOptions } from "./client-authentication";
