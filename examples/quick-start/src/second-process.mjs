// The second process of the demo: another tool on the same machine that never saw the sign-in
// gets tokens silently from the shared cache the first process wrote.
// Usage: node second-process.mjs <json settings: authorityUrl, caFile, cacheDirectory>
import { readFileSync } from "node:fs";
import { SharedTokenCacheCredential } from "@entrakit/shared-cache";

const settings = JSON.parse(process.argv[2]);
const credential = new SharedTokenCacheCredential({
  authorityHost: settings.authorityUrl,
  disableInstanceDiscovery: true,
  cacheDirectory: settings.cacheDirectory,
  transportOptions: { ca: readFileSync(settings.caFile, "utf8") },
});
const accounts = await credential.listAccounts();
const results = { accounts: accounts.map((a) => a.username), tokens: [] };
for (const scope of ["https://vault.azure.net/.default", "https://management.azure.com/.default"]) {
  const token = await credential.getToken(scope);
  const claims = JSON.parse(Buffer.from(token.token.split(".")[1], "base64url").toString());
  results.tokens.push({
    scope,
    aud: claims.aud,
    user: claims.upn,
    expiresOn: token.expiresOnTimestamp,
  });
}
await credential.close();
process.stdout.write(`${JSON.stringify(results)}\n`);
