// Token-endpoint answers that core mishandles today, found by the property tests:
//   1. `accessTokenFromMsalResult` passes on an access token that is not a string;
//   2. it turns a refresh time MSAL computed as an Invalid Date into `refreshAfterTimestamp: NaN`;
//   3. `fromMsalError` hands a non-string `errorMessage` (MSAL copies a non-string
//      `error_description` of an interaction-required answer) to the redactor, which throws a
//      TypeError.
// (A fourth, an expiry MSAL computed as an Invalid Date, is fixed: core now answers it with
// `invalid_response`, and the property tests cover it again.)
// `token-response-with-malformed-fields.test.ts` pins each one as an expected failure; the
// property tests skip exactly these inputs until core checks them, so every other input stays
// covered. Delete an entry here when its test there starts to fail (the bug is fixed).

type Body = Record<string, unknown>;

// MSAL's lists (msal-common's InteractionRequiredAuthError): answers it raises as
// InteractionRequiredAuthError, keeping `error_description` as it came.
const interactionErrors = [
  "interaction_required",
  "consent_required",
  "login_required",
  "bad_token",
];
const interactionSubErrors = [
  "message_only",
  "additional_action",
  "basic_action",
  "user_password_expired",
  "consent_required",
  "bad_token",
];

/**
 * The Date MSAL makes of `now + refresh_in` (seconds): the field is parsed when a string; a
 * number adds, anything else concatenates, as JavaScript's `+` does. `undefined` when MSAL
 * itself throws on the value (it then fails with an error core maps) or sets no refresh time.
 */
function msalRefreshOn(field: unknown): Date | undefined {
  const parsed = (typeof field === "string" ? Number.parseInt(field, 10) : field) || undefined;
  if (parsed === undefined) return undefined;
  try {
    // MSAL sets refreshOn only for a value above 0.
    if (!((parsed as number) > 0)) return undefined;
    const now = Math.floor(Date.now() / 1000);
    const seconds =
      typeof parsed === "number" || typeof parsed === "boolean"
        ? now + Number(parsed)
        : Number(`${now}${String(parsed)}`);
    return new Date(seconds * 1000);
  } catch {
    return undefined;
  }
}

const invalid = (date: Date | undefined) => date !== undefined && Number.isNaN(date.getTime());

/** Bug 1: MSAL's result would carry a token that is not a string. */
export function hasNonStringAccessToken(body: Body): boolean {
  const token = body.access_token;
  return Boolean(token) && typeof token !== "string";
}

/** Bug 2: MSAL's result would carry an Invalid Date `refreshOn`. */
export function hasMalformedRefreshIn(body: Body): boolean {
  return invalid(msalRefreshOn(body.refresh_in));
}

/** Bug 3: an interaction-required answer whose description is not a string. */
export function hasNonStringInteractionDescription(body: Body): boolean {
  const description = body.error_description;
  if (!description || typeof description === "string") return false;
  return (
    interactionErrors.includes(body.error as string) ||
    interactionSubErrors.includes(body.suberror as string)
  );
}

/** True when `body` would meet any of the known core bugs above. */
export function hitsKnownCoreBug(body: unknown): boolean {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const fields = body as Body;
  return (
    hasNonStringAccessToken(fields) ||
    hasMalformedRefreshIn(fields) ||
    hasNonStringInteractionDescription(fields)
  );
}
