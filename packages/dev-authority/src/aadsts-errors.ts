// The Entra errors the authority can return, with Entra's AADSTS numbers and wording, so clients
// that match on `error`, `error_codes` or the description prefix behave as they would in production.
import { OAuthError } from "./oauth-error.js";

const badRequest = (error: string, code: number, description: string) =>
  new OAuthError(400, error, code, description);
const badClient = (code: number, description: string) =>
  new OAuthError(401, "invalid_client", code, description);

/** @internal */
export const aadsts = {
  tenantNotFound: (tenant: string, error = "invalid_request") =>
    badRequest(
      error,
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    ),
  unknownInstance: () => badRequest("invalid_instance", 50049, "Unknown or invalid instance."),
  missingParameter: (name: string) =>
    badRequest(
      "invalid_request",
      900144,
      `The request body must contain the following parameter: '${name}'.`,
    ),
  malformedRequest: (reason: string) =>
    badRequest(
      "invalid_request",
      9002313,
      `Invalid request. Request is malformed or invalid. ${reason}`,
    ),
  methodNotAllowed: (method: string) =>
    new OAuthError(
      405,
      "invalid_request",
      900561,
      `The endpoint only accepts POST, OPTIONS requests. Received a ${method} request.`,
    ),
  unsupportedGrantType: (grantType: string) =>
    badRequest(
      "unsupported_grant_type",
      70003,
      `The app requested an unsupported grant type '${grantType}'.`,
    ),
  unsupportedResponseType: (responseType: string) =>
    badRequest(
      "unsupported_response_type",
      700054,
      `response_type '${responseType}' is not enabled for the application.`,
    ),
  unknownClient: (clientId: string, tenant: string) =>
    badRequest(
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  redirectUriMismatch: (redirectUri: string, clientId: string, error = "invalid_request") =>
    badRequest(
      error,
      50011,
      `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
    ),
  multipleResources: (scope: string) =>
    badRequest(
      "invalid_request",
      28000,
      `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`,
    ),
  codeRedeemed: () =>
    badRequest(
      "invalid_grant",
      54005,
      "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
    ),
  grantExpired: () =>
    badRequest(
      "invalid_grant",
      70008,
      "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
    ),
  grantInvalid: (reason: string) =>
    badRequest("invalid_grant", 70000, `Provided grant is invalid or malformed. ${reason}`),
  pkceMismatch: (reason: string) =>
    badRequest(
      "invalid_grant",
      50148,
      `The code_verifier does not match the code_challenge supplied in the authorization request for PKCE. ${reason}`,
    ),
  grantRevoked: (issuedAt: Date, validFrom: Date, error = "invalid_grant", claims?: string) =>
    new OAuthError(
      400,
      error,
      50173,
      `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${issuedAt.toISOString()}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${validFrom.toISOString()}'.`,
      claims === undefined ? {} : { claims, suberror: "bad_token" },
    ),
  userNotInTenant: (username: string, homeTenantId: string, tenantId: string) =>
    badRequest(
      "invalid_grant",
      50020,
      `User account '${username}' from identity provider 'https://sts.windows.net/${homeTenantId}/' does not exist in tenant '${tenantId}' and cannot access the application in that tenant.`,
    ),
  userNotFound: (username: string, tenant: string) =>
    badRequest(
      "invalid_request",
      50034,
      `The user account ${username} does not exist in the ${tenant} directory. To sign into this application, the account must be added to the directory.`,
    ),
  invalidCredentials: () =>
    badRequest(
      "invalid_grant",
      50126,
      "Error validating credentials due to invalid username or password.",
    ),
  userDeclined: () =>
    badRequest("access_denied", 65004, "User declined to consent to access the app."),
  loginRequired: () =>
    badRequest(
      "login_required",
      50058,
      "A silent sign-in request was sent but no user is signed in.",
    ),
  transient: () =>
    new OAuthError(
      429,
      "temporarily_unavailable",
      90033,
      "A transient error has occurred. Please try again.",
    ),
  missingClientCredential: () =>
    badClient(
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    ),
  invalidClientSecret: (clientId: string) =>
    badClient(
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  publicClientCredential: () =>
    badClient(
      700025,
      "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
    ),
  assertionSignature: (reason: string) =>
    badClient(700027, `Client assertion contains an invalid signature. [Reason - ${reason}]`),
  assertionTime: () => badClient(700024, "Client assertion is not within its valid time range."),
  assertionIssuer: () =>
    badClient(
      700021,
      "Client assertion application identifier doesn't match 'client_id' parameter.",
    ),
  assertionMalformed: (reason: string) =>
    badClient(50027, `JWT token is invalid or malformed. ${reason}`),
};
