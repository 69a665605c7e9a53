import { AuthenticationRequiredError, type TokenRequest } from "@entrakit/core";
import type { CodeState } from "./code-redemption";

const component = "AuthorizationCodeCredential";

/**
 * The error for a call that only a spent code could have served: no cached token, no refresh
 * token. It is thrown without any request, so a caller that keeps retrying sends nothing.
 */
export function codeSpentError(
  state: CodeState,
  request: TokenRequest,
): AuthenticationRequiredError {
  return new AuthenticationRequiredError({
    scopes: [...request.scopes],
    getTokenOptions: request.options,
    code: "code_spent",
    message: `${component}: ${whatHappened(state)} and no refresh token is available for this request. Sign the user in again to get a new authorization code.`,
  });
}

function whatHappened(state: CodeState): string {
  if (state.kind !== "spent") return "no token could be obtained with the authorization code";
  if (state.reason === "abandoned") {
    return "a redemption of the authorization code was aborted after the code may have reached the authority, so it is not sent again";
  }
  if (state.reason === "not_needed") return "no unspent authorization code was given";
  return state.refusal === undefined
    ? "the authorization code was already redeemed"
    : "the authorization code was refused by the authority";
}
