import { CliError } from "../cli-error";
import type { CommandContext } from "../command-context";
import type { CommandOptions } from "../command-line";
import { resolveCredentialSettings } from "../credential-settings";
import { exitCodes } from "../exit-codes";
import {
  cacheDirectoryText,
  createSharedCredential,
  listSignedInAccounts,
} from "../shared-credential";

/** What `entrakit token --json` prints, the fields of `az account get-access-token`. */
export interface TokenJson {
  /** The access token. */
  readonly accessToken: string;
  /** When it expires, ISO 8601 in UTC. */
  readonly expiresOn: string;
  /** `Bearer`, or `pop` for proof-of-possession tokens. */
  readonly tokenType: string;
}

/**
 * `entrakit token`: an access token from SharedTokenCacheCredential, alone on stdout.
 *
 * @throws {@link CliError} `no_account` (exit 2) when nobody is signed in; the credential's
 * errors otherwise.
 */
export async function runToken(options: CommandOptions, context: CommandContext): Promise<void> {
  const settings = await resolveCredentialSettings(options, context);
  const credential = createSharedCredential(settings, options.username);
  try {
    const { accounts, keyringFailure } = await listSignedInAccounts(credential);
    if (accounts.length === 0) {
      throw new CliError(
        `entrakit token: no account is signed in (none in the shared token cache in ${cacheDirectoryText(settings, context.platform)}${keyringFailure ? " or the OS keyring, which could not be read" : ""}). Run \`entrakit login\`, then retry.`,
        "no_account",
        exitCodes.authenticationRequired,
        keyringFailure,
      );
    }
    const token = await credential.getTokenInfo(options.scopes, {
      ...(context.signal === undefined ? {} : { abortSignal: context.signal }),
    });
    if (options.json) {
      const json: TokenJson = {
        accessToken: token.token,
        expiresOn: new Date(token.expiresOnTimestamp).toISOString(),
        tokenType: token.tokenType,
      };
      context.out(JSON.stringify(json, null, 2));
    } else {
      context.out(token.token);
    }
  } finally {
    await credential.close();
  }
}
