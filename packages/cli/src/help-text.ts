import type { CommandName } from "./command-line";

const commonOptions = `Options of every command:
  --authority <host>   the authority: host name or https URL
                       (default: AZURE_AUTHORITY_HOST, else login.microsoftonline.com)
  --tenant <id>        tenant id or verified domain
  --client-id <id>     the public client that signs in and redeems refresh tokens
                       (default: 04b07795-8ddb-461a-bbee-02f9e1bf7b46, the developer sign-on client)
  --cache-dir <dir>    directory of the shared cache files
                       (default: ~/.IdentityService; Windows: %LOCALAPPDATA%\\.IdentityService)
  --allow-unencrypted  when no OS keyring is usable, keep tokens in a plaintext file (mode 0600)
                       in the cache directory instead of failing
  --ca-file <path>     an extra CA certificate (PEM) to trust for the authority
  --dev                a local @entrakit/dev-authority (see \`entrakit login --help\`)
  -h, --help           this help`;

const exitCodeText = `Exit codes:
  0  done
  1  bad command line, or an unexpected failure
  2  sign-in needed: no account, no single account chosen, refused or expired,
     sign-in cancelled at the authority or timed out
  3  the authority could not be reached, or refused for another reason
  4  the token cache could not be read or written (keyring, file, lock)
  130  interrupted (Ctrl+C)`;

const overview = `Usage: entrakit <command> [options]

Sign in once through the browser, then get Azure access tokens on the command line from the
token cache Microsoft developer tools share on this machine.

Commands:
  login      sign in with the browser; tokens go to the shared cache
  token      print an access token from the shared cache
  accounts   list the accounts in the shared cache
  logout     remove an account's entrakit tokens from the shared cache

Run \`entrakit <command> --help\` for a command's options. \`entrakit --version\` prints the version.

${commonOptions}

${exitCodeText}
`;

const login = `Usage: entrakit login [--scope <scope>] [--no-browser] [--timeout <seconds>] [options]

Signs you in with the authorization code flow and PKCE. entrakit listens on 127.0.0.1 on a
random port (redirect URI http://localhost:<port>), opens the sign-in page in your browser and
prints its URL, waits for the redirect, checks its state, and redeems the code once with
AuthorizationCodeCredential (public client, with the PKCE verifier and nonce). The tokens go to
the shared token cache (cache msal.cache.nocae): the OS keyring, or with --allow-unencrypted
and no usable keyring, the file <cache-dir>/msal.cache.nocae. \`entrakit token\` and every
SharedTokenCacheCredential on this machine find them there.

  --scope <scope>      what to consent to, repeatable
                       (default: https://management.core.windows.net//.default)
  --no-browser         do not open a browser; open the printed URL in a browser on this machine
  --timeout <seconds>  stop waiting for the sign-in after this long (default: 300)
  --dev                sign in at a local dev authority. With --authority and --ca-file, the one
                       running there (npx entrakit-dev-authority); without, entrakit starts one
                       for the duration of this command. Its tokens are then served from the
                       cache until they expire (an hour); refreshing them needs a running
                       authority, so use a running one for longer sessions. Browsers warn about
                       its self-signed certificate.
  --dev-user <name>    with --dev: complete the sign-in without a browser, through the dev
                       authority's auto sign-in (e.g. alice@contoso.test)

Example:
  entrakit login --tenant contoso.onmicrosoft.com

${commonOptions}
`;

const token = `Usage: entrakit token --scope <scope> [--username <upn>] [--tenant <id>] [--json] [options]

Prints an access token from SharedTokenCacheCredential: a cached one while it is valid, else
one redeemed with the account's cached refresh token (written back to the cache it came from).
stdout carries the token and nothing else; messages go to stderr.

  --scope <scope>   the scope, repeatable, e.g. https://vault.azure.net/.default (required)
  --username <upn>  the account, when several are signed in
  --tenant <id>     get the token from this tenant (the account's home tenant or a guest tenant)
  --json            print {"accessToken","expiresOn","tokenType"} (expiresOn in ISO 8601, UTC)
  --dev             use accounts of a local dev authority (https://127.0.0.1, any port). Cached
                    tokens need no authority; to refresh, pass --authority and --ca-file of a
                    running one

Example:
  curl -H "Authorization: Bearer $(entrakit token --scope https://graph.microsoft.com/.default)" \\
    https://graph.microsoft.com/v1.0/me

${commonOptions}

${exitCodeText}
`;

const accounts = `Usage: entrakit accounts [--json] [--tenant <id>] [options]

Lists the accounts in the shared token cache that \`entrakit token\` can use with this client id,
whichever tool signed them in: username, home tenant, cloud.

  --json         print [{"username","homeAccountId","homeTenantId","tenantIds","cloud"}]
  --tenant <id>  only accounts with a profile in this tenant
  --dev          accounts of a local dev authority (https://127.0.0.1, any port)

${commonOptions}
`;

const logout = `Usage: entrakit logout [--username <upn>] [--tenant <id>] [options]

Removes one account from the caches entrakit writes: msal.cache.nocae and msal.cache.cae, in
the OS keyring and in the plaintext files in the cache directory. From each it removes
  - the account's access, refresh and id tokens issued to --client-id. The default client id
    is also @azure/identity's default, so tokens that library stored there for the account
    go too;
  - the account's Account entries, unless tokens of other client ids for the account remain
    there (those apps keep working).
It keeps every other account, other client ids' tokens and app metadata, and never changes
caches other tools write (msal.cache, Python and .NET keyring items, ~/.azure). Nothing is
revoked at the authority. If other apps' cached tokens still let \`entrakit token\` use the
account, logout says so.

  --username <upn>  the account to remove (needed when several are signed in)
  --tenant <id>     only an account whose home tenant this is
  --dev             an account of a local dev authority (https://127.0.0.1, any port)

${commonOptions}
`;

const byCommand: Record<CommandName, string> = { login, token, accounts, logout };

/**
 * The help of `entrakit` (without a command) or of one command.
 *
 * @param command - the command, or `undefined` for the overview.
 */
export function helpText(command?: CommandName): string {
  return command === undefined ? overview : byCommand[command];
}
