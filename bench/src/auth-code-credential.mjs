// AuthorizationCodeCredential, entrakit vs @azure/identity, against the local dev authority:
// warm getToken rate next to the async Map floor, and how many code redemptions 1,000
// concurrent first calls send. Runs in a process whose NODE_EXTRA_CA_CERTS trusts the authority
// (@azure/identity's HTTP pipeline takes no CA option), so run-all.mjs starts it as a child.
import { readFileSync } from "node:fs";
import { AuthorizationCodeCredential as AzureAuthorizationCodeCredential } from "@azure/identity";
import { AuthorizationCodeCredential } from "@entrakit/auth-code";
import {
  defaultTenantId,
  defaultUsername,
  defaultWebAppClientId,
  defaultWebAppRedirectUri,
  defaultWebAppSecret,
  startDevAuthority,
} from "@entrakit/dev-authority";
import { compareRates, formatRate, summarize } from "./measure.mjs";

const scope = "https://vault.azure.net/.default";
const burst = 1000;

function mint(authority) {
  return authority.mintCode({
    username: defaultUsername,
    scopes: [scope, "openid", "profile", "offline_access"],
    clientId: defaultWebAppClientId,
    redirectUri: defaultWebAppRedirectUri,
  });
}

const makers = {
  entrakit: (authority, code) =>
    new AuthorizationCodeCredential(
      defaultTenantId,
      defaultWebAppClientId,
      defaultWebAppSecret,
      code,
      defaultWebAppRedirectUri,
      {
        authorityHost: authority.url,
        disableInstanceDiscovery: true,
        transportOptions: { ca: authority.caPem },
      },
    ),
  "@azure/identity": (authority, code) =>
    new AzureAuthorizationCodeCredential(
      defaultTenantId,
      defaultWebAppClientId,
      defaultWebAppSecret,
      code,
      defaultWebAppRedirectUri,
      {
        authorityHost: authority.url,
        disableInstanceDiscovery: true,
      },
    ),
};

/** 1,000 concurrent first calls: how many requests carried the code, how many calls succeeded. */
async function burstOfFirstCalls(authority, name) {
  authority.clearRequestLog();
  const credential = makers[name](authority, mint(authority));
  const outcomes = await Promise.allSettled(
    Array.from({ length: burst }, () => credential.getToken(scope)),
  );
  return {
    name,
    codeRedemptions: authority.countRequests({ grantType: "authorization_code" }),
    failedRedemptions: authority
      .requestLog({ grantType: "authorization_code" })
      .filter((e) => e.status !== 200).length,
    successes: outcomes.filter((o) => o.status === "fulfilled").length,
  };
}

export async function benchAuthorizationCodeCredential({ rounds = 7 } = {}) {
  const tls = process.env.ENTRAKIT_BENCH_TLS
    ? JSON.parse(readFileSync(process.env.ENTRAKIT_BENCH_TLS, "utf8"))
    : undefined;
  const authority = await startDevAuthority(tls ? { tls } : {});
  try {
    const bursts = [];
    for (const name of Object.keys(makers)) bursts.push(await burstOfFirstCalls(authority, name));

    const entrakit = makers.entrakit(authority, mint(authority));
    const azure = makers["@azure/identity"](authority, mint(authority));
    await entrakit.getToken(scope);
    await azure.getToken(scope);
    const map = new Map([[scope, { token: "x" }]]);
    const floor = async (key) => map.get(key);
    const rates = await compareRates(
      [
        { name: "floor: async Map lookup", fn: () => floor(scope) },
        { name: "entrakit", fn: () => entrakit.getToken(scope) },
        // ~200 µs a call: fewer iterations keep each round about as long as the others'.
        { name: "@azure/identity", fn: () => azure.getToken(scope), iterations: 2_000 },
      ],
      { rounds, iterations: 200_000, warmup: 20_000 },
    );
    return { bursts, rates };
  } finally {
    await authority.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchAuthorizationCodeCredential();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export { formatRate, summarize };
