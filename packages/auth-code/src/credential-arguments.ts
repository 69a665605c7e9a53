import type { AuthorizationCodeCredentialOptions } from "./authorization-code-credential-options";

const component = "AuthorizationCodeCredential";

/** The constructor's arguments, whichever of its two overloads was called. */
export interface CredentialArguments<Options extends AuthorizationCodeCredentialOptions> {
  /** Set for the confidential-client overload only. */
  readonly clientSecret: string | undefined;
  /** `undefined` when an empty code was given (a resumed session needs none). */
  readonly code: string | undefined;
  readonly redirectUri: string;
  readonly options: Options;
}

/**
 * Tells the two overloads apart as `@azure/identity` does (a string in fifth place is the
 * redirect URI, so the third argument was the client secret) and checks the arguments.
 *
 * @throws TypeError naming the argument that is missing, empty or not a string.
 */
export function resolveCredentialArguments<Options extends AuthorizationCodeCredentialOptions>(
  clientId: string,
  secretOrCode: string,
  codeOrRedirectUri: string,
  redirectUriOrOptions: string | Options | undefined,
  maybeOptions: Options | undefined,
): CredentialArguments<Options> {
  const withSecret = typeof redirectUriOrOptions === "string";
  const options = ((withSecret ? maybeOptions : redirectUriOrOptions) ?? {}) as Options;
  const code: unknown = withSecret ? codeOrRedirectUri : secretOrCode;
  const redirectUri: unknown = withSecret ? redirectUriOrOptions : codeOrRedirectUri;
  requireText(clientId, "clientId", "the app registration's application (client) id");
  requireText(
    redirectUri,
    "redirectUri",
    "the redirect URI the authorization code was requested with",
  );
  if (code !== undefined && typeof code !== "string") {
    throw new TypeError(
      `${component}: authorizationCode is not a string. Pass the code from the redirect's query string.`,
    );
  }
  return {
    clientSecret: withSecret ? secretOrCode : undefined,
    code: code || undefined,
    redirectUri,
    options,
  };
}

function requireText(value: unknown, option: string, what: string): asserts value is string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new TypeError(`${component}: ${option} is missing or empty. Pass ${what}.`);
  }
}
