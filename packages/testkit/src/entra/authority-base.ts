/**
 * Normalises an authority URL to `origin/tenant` (no trailing slash, no `/v2.0`, no
 * `.well-known` suffix), so helpers accept whatever form a test has at hand.
 */
export function authorityBase(authorityUrl: string): {
  origin: string;
  tenant: string;
  base: string;
} {
  const url = new URL(authorityUrl);
  const path = url.pathname
    .replace(/\/\.well-known\/openid-configuration$/, "")
    .replace(/\/v2\.0$/, "")
    .replace(/\/+$/, "");
  const tenant = path.split("/").filter(Boolean)[0] ?? "common";
  return { origin: url.origin, tenant, base: `${url.origin}/${tenant}` };
}
