import type { AuthenticationError } from "./authentication-error";
import type { AuthenticationRequiredError } from "./authentication-required-error";
import type { CredentialUnavailableError } from "./credential-unavailable-error";
import { isEntrakitError } from "./entrakit-error";
import type { InvalidArgumentError } from "./invalid-argument-error";

// Guards compare the marker and `name`, never `instanceof`: two copies of core (CJS + ESM, or
// two versions in one tree) must still recognise each other's errors.

/** True for a {@link CredentialUnavailableError} from any copy of entrakit. */
export function isCredentialUnavailableError(value: unknown): value is CredentialUnavailableError {
  return isEntrakitError(value) && value.name === "CredentialUnavailableError";
}

/** True for an {@link AuthenticationError} from any copy of entrakit. */
export function isAuthenticationError(value: unknown): value is AuthenticationError {
  return isEntrakitError(value) && value.name === "AuthenticationError";
}

/** True for an {@link AuthenticationRequiredError} from any copy of entrakit. */
export function isAuthenticationRequiredError(
  value: unknown,
): value is AuthenticationRequiredError {
  return isEntrakitError(value) && value.name === "AuthenticationRequiredError";
}

/** True for an {@link InvalidArgumentError} from any copy of entrakit. */
export function isInvalidArgumentError(value: unknown): value is InvalidArgumentError {
  return isEntrakitError(value) && value.name === "InvalidArgumentError";
}
