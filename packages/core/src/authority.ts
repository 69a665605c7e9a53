import { AzureAuthorityHosts } from "./authority-hosts";
import { InvalidArgumentError } from "./errors/invalid-argument-error";
import { redactUrl } from "./logging/redact";

/** Options of {@link normalizeAuthorityHost}. */
export interface NormalizeAuthorityHostOptions {
  /**
   * Allow `http:` for loopback hosts (127.0.0.0/8, `[::1]`, `localhost`), for local test
   * authorities only. Entra ID itself is only ever reached over HTTPS.
   * @defaultValue false
   */
  allowInsecureLoopback?: boolean;
}

const loopback = /^(127(?:\.\d{1,3}){3}|\[::1\]|localhost)$/i;

// Every credential resolves its host at construction, and a process uses a handful of hosts:
// parsing and checking the same URL again was a good part of constructing a credential. Only
// accepted hosts are kept (a malformed one throws every time); the bound keeps an input that
// varies without end from growing the map.
const accepted = new Map<string, string>();
const maxAccepted = 64;

/**
 * Resolves the authority host a credential talks to: the option, else `AZURE_AUTHORITY_HOST`
 * from `env`, else the public cloud. A bare host name gets `https://`; the result has no
 * trailing slash and no path.
 *
 * @throws {@link InvalidArgumentError} (`invalid_authority`) for a malformed URL, a path or
 * query, or `http:` outside explicit loopback dev mode.
 */
export function normalizeAuthorityHost(
  host: string | undefined,
  env: Readonly<Record<string, string | undefined>> = {},
  options: NormalizeAuthorityHostOptions = {},
): string {
  // An exported but empty AZURE_AUTHORITY_HOST means "not set", as it does for @azure/identity.
  const fromEnv = env.AZURE_AUTHORITY_HOST?.trim() || undefined;
  const raw = (host ?? fromEnv ?? AzureAuthorityHosts.AzurePublicCloud).trim();
  const memoKey = options.allowInsecureLoopback ? `loopback\n${raw}` : raw;
  const known = accepted.get(memoKey);
  if (known !== undefined) return known;
  const origin = checkedOrigin(raw, options);
  if (accepted.size >= maxAccepted) accepted.clear();
  accepted.set(memoKey, origin);
  return origin;
}

function checkedOrigin(raw: string, options: NormalizeAuthorityHostOptions): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalid(`"${shown(raw)}" is not a URL or host name`);
  }
  if (url.protocol === "http:") {
    if (!(options.allowInsecureLoopback && loopback.test(url.hostname))) {
      throw invalid(
        `"${url.origin}" uses http, which would send secrets in clear text; use https (http is allowed only for loopback test authorities with allowInsecureLoopback)`,
      );
    }
  } else if (url.protocol !== "https:") {
    throw invalid(`"${url.protocol}" is not a supported scheme; use https`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw invalid(`"${url.origin}" must not carry credentials, a query or a fragment`);
  }
  const path = url.pathname.replace(/\/+$/, "");
  if (path !== "") {
    throw invalid(
      `"${raw}" has a path (${path}); pass the host only and the tenant through tenantId`,
    );
  }
  return url.origin;
}

// An unparsable input can still carry `user:password@` or a query; neither may reach a message.
function shown(raw: string): string {
  return redactUrl(raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, "$1")).slice(0, 200);
}

/** Joins an authority host and a tenant into MSAL's authority URL. */
export function authorityUrl(authorityHost: string, tenantId: string): string {
  return `${authorityHost.replace(/\/+$/, "")}/${tenantId}`;
}

function invalid(what: string): InvalidArgumentError {
  return new InvalidArgumentError(
    `Authority: ${what}. Set authorityHost (or AZURE_AUTHORITY_HOST) to an https URL such as ${AzureAuthorityHosts.AzurePublicCloud}.`,
    "invalid_authority",
  );
}
