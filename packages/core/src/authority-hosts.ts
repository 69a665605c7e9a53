/** The sign-in hosts of the national clouds, with the exact strings `@azure/identity` uses. */
export const AzureAuthorityHosts = {
  /** China cloud. */
  AzureChina: "https://login.chinacloudapi.cn",
  /** Germany cloud (retired by Microsoft; kept for compatibility). */
  AzureGermany: "https://login.microsoftonline.de",
  /** US Government cloud. */
  AzureGovernment: "https://login.microsoftonline.us",
  /** Public cloud; the default. */
  AzurePublicCloud: "https://login.microsoftonline.com",
} as const;

/** One of {@link AzureAuthorityHosts}' values, or any other authority host URL. */
export type AzureAuthorityHost =
  | (typeof AzureAuthorityHosts)[keyof typeof AzureAuthorityHosts]
  | (string & {});

/**
 * Host names that name the same cloud. Tokens cached under any alias belong to that cloud
 * (MSAL writes the `environment` it was given, so caches hold several spellings).
 */
export const cloudHostAliases: readonly (readonly string[])[] = [
  ["login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net"],
  ["login.chinacloudapi.cn", "login.partner.microsoftonline.cn"],
  ["login.microsoftonline.us", "login.usgovcloudapi.net"],
  ["login.microsoftonline.de"],
];

/** All host names of the cloud `host` belongs to (just `host` itself for an unknown host). */
export function aliasesOfHost(host: string): readonly string[] {
  const lower = host.toLowerCase();
  return cloudHostAliases.find((group) => group.includes(lower)) ?? [lower];
}
