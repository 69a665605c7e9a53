import type { SharedCacheAccount } from "@entrakit/shared-cache";
import type { CommandContext } from "../command-context";
import type { CommandOptions } from "../command-line";
import { resolveCredentialSettings } from "../credential-settings";
import { createSharedCredential, listSignedInAccounts } from "../shared-credential";

/**
 * `entrakit accounts`: the accounts SharedTokenCacheCredential can use, as a table or JSON.
 * An empty list is not an error.
 *
 * @throws the credential's errors for caches that cannot be read (other than the keyring).
 */
export async function runAccounts(options: CommandOptions, context: CommandContext): Promise<void> {
  const settings = await resolveCredentialSettings(options, context);
  const credential = createSharedCredential(settings);
  try {
    const { accounts: all, keyringFailure } = await listSignedInAccounts(credential);
    const tenant = options.tenant?.toLowerCase();
    const accounts =
      tenant === undefined ? all : all.filter((account) => account.tenantIds.includes(tenant));
    if (options.json) {
      context.out(JSON.stringify(accounts, null, 2));
    } else if (accounts.length > 0) {
      context.out(formatTable(accounts));
    }
    if (accounts.length === 0) {
      context.err(
        `No account is signed in${tenant === undefined ? "" : ` with a profile in tenant ${options.tenant}`}. Run \`entrakit login\` to sign in.`,
      );
      // With --allow-unencrypted the user has said the keyring does not matter here.
      if (keyringFailure && !options.allowUnencrypted) {
        context.err(`note: the OS keyring could not be read: ${keyringFailure.message}`);
      }
    }
  } finally {
    await credential.close();
  }
}

/** Aligned columns: username, home tenant (and guest tenants), cloud. */
export function formatTable(accounts: readonly SharedCacheAccount[]): string {
  const rows = [
    ["USERNAME", "TENANT", "CLOUD"],
    ...accounts.map((account) => {
      const guests = account.tenantIds.filter((tenant) => tenant !== account.homeTenantId);
      const tenant =
        guests.length > 0
          ? `${account.homeTenantId} (guest in ${guests.join(", ")})`
          : account.homeTenantId;
      return [account.username, tenant, account.cloud];
    }),
  ];
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  return rows
    .map((row) =>
      row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell)).join("  "),
    )
    .join("\n");
}
