// A redactor that knows the values in the request's own form body. A server or proxy may echo
// the request into an error page, and an echoed value is not always shaped like `code=...`, so
// the exact values are removed as well as the patterns core's redact() recognises.
import { createRedactor, redact } from "@entrakit/core";

// Form fields MSAL sends that identify the request without granting anything.
const publicFields = new Set([
  "grant_type",
  "client_id",
  "scope",
  "redirect_uri",
  "response_type",
  "client_info",
  "x-client-sku",
  "x-client-ver",
  "x-client-os",
  "x-client-cpu",
  "x-ms-lib-capability",
  "x-client-current-telemetry",
  "x-client-last-telemetry",
  "client_assertion_type",
  "token_type",
]);

/** Returns a redactor for text that may quote `body`. */
export function requestRedactor(body: string | undefined): (text: string) => string {
  if (body === undefined || body === "") return redact;
  const secrets: string[] = [];
  for (const [name, value] of new URLSearchParams(body)) {
    if (publicFields.has(name.toLowerCase())) continue;
    secrets.push(value, encodeURIComponent(value));
  }
  return createRedactor(secrets);
}
