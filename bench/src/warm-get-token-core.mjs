// Warm getToken of core's get-token base against the physical floor: a bare async Map lookup.
// Target (issue: foundation): the base serves at least 1/3 of the floor's rate.
import { createPackageLogger, TokenCredentialBase } from "@entrakit/core";
import { compareRates, formatRate } from "./measure.mjs";

const scope = "https://vault.azure.net/.default";

class ConstantCredential extends TokenCredentialBase {
  constructor() {
    super("ConstantCredential", createPackageLogger("bench"), {
      tenantId: "contoso.onmicrosoft.com",
    });
  }
  async acquireTokenSilently() {
    return undefined;
  }
  async acquireTokenFromAuthority() {
    const now = Date.now();
    return {
      token: "bench-token",
      expiresOnTimestamp: now + 3_600_000,
      refreshAfterTimestamp: now + 1_800_000,
      tokenType: "Bearer",
    };
  }
}

export async function benchWarmGetTokenCore(options) {
  const credential = new ConstantCredential();
  await credential.getToken(scope);
  const map = new Map([[scope, { token: "bench-token" }]]);
  const bareLookup = async (key) => map.get(key);
  const results = await compareRates(
    [
      { name: "floor: async Map lookup", fn: () => bareLookup(scope) },
      { name: "entrakit core getToken (string scope)", fn: () => credential.getToken(scope) },
      {
        name: "entrakit core getToken ([scope], options)",
        fn: () => credential.getToken([scope], { abortSignal: undefined }),
      },
    ],
    options,
  );
  const floor = results[0].median;
  return results.map((r) => ({
    ...r,
    ratioToFloor: r.median / floor,
    formatted: formatRate(r.median),
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchWarmGetTokenCore();
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(45)} ${row.formatted.padStart(10)}  (min ${formatRate(row.min)}, max ${formatRate(row.max)})  ${(row.ratioToFloor).toFixed(2)}x floor`,
    );
  }
}
