// The common options, checked and resolved once into what both credentials take: authority,
// tenant, client, trusted CA and cache location.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { checkTenantId, normalizeAuthorityHost } from "@entrakit/core";
import { developerSignOnClientId } from "@entrakit/shared-cache";
import { CliError } from "./cli-error";
import type { CommandContext } from "./command-context";
import type { CommandOptions } from "./command-line";
import { exitCodes } from "./exit-codes";

/**
 * Where `--dev` looks for accounts when no `--authority` is given: a dev authority listens on
 * 127.0.0.1, and cached entries match on the host name whatever the port.
 */
export const devAuthorityHost = "https://127.0.0.1";

/** The resolved common options. */
export interface CredentialSettings {
  /** The authority host, an https origin. */
  readonly authorityHost: string;
  /** `--tenant`, checked. */
  readonly tenantId: string | undefined;
  readonly clientId: string;
  /** `--cache-dir`, absolute; `undefined` for the platform default. */
  readonly cacheDirectory: string | undefined;
  readonly allowUnencrypted: boolean;
  /** `--dev`: skip instance discovery, as local authorities have none. */
  readonly dev: boolean;
  /** The extra CA (PEM) the transport trusts, from `--ca-file` or an embedded dev authority. */
  readonly ca: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** What an embedded dev authority contributes instead of `--authority` / `--ca-file`. */
export interface AuthorityOverride {
  readonly authorityHost: string;
  readonly ca: string;
}

/**
 * Checks and resolves the common options.
 *
 * @throws InvalidArgumentError for a malformed `--authority` or `--tenant` (exit 1).
 * @throws {@link CliError} `unreadable_file` when `--ca-file` cannot be read (exit 1).
 */
export async function resolveCredentialSettings(
  options: CommandOptions,
  context: CommandContext,
  override?: AuthorityOverride,
): Promise<CredentialSettings> {
  if (options.tenant !== undefined) checkTenantId(options.tenant);
  const requested =
    override?.authorityHost ?? options.authority ?? (options.dev ? devAuthorityHost : undefined);
  const authorityHost = normalizeAuthorityHost(requested, context.env);
  const ca =
    override?.ca ??
    (options.caFile === undefined ? undefined : await readCaFile(options.caFile, context));
  return {
    authorityHost,
    tenantId: options.tenant,
    clientId: options.clientId ?? developerSignOnClientId,
    cacheDirectory:
      options.cacheDir === undefined ? undefined : resolve(context.cwd, options.cacheDir),
    allowUnencrypted: options.allowUnencrypted,
    dev: options.dev,
    ca,
    env: context.env,
  };
}

/** The options of either credential that come from the settings. */
export function credentialBaseOptions(settings: CredentialSettings) {
  return {
    authorityHost: settings.authorityHost,
    disableInstanceDiscovery: settings.dev,
    env: settings.env,
    transportOptions: {
      env: { ...settings.env },
      ...(settings.ca === undefined ? {} : { ca: settings.ca }),
    },
  };
}

async function readCaFile(path: string, context: CommandContext): Promise<string> {
  const absolute = resolve(context.cwd, path);
  try {
    return await readFile(absolute, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CliError(
      `entrakit ${context.command}: the --ca-file ${absolute} cannot be read (${typeof code === "string" ? code : "unreadable"}). Pass the path of a PEM certificate file.`,
      "unreadable_file",
      exitCodes.usage,
    );
  }
}
