import { readFileSync } from "node:fs";
import { join } from "node:path";

export const fixturesDir = join(import.meta.dirname, "..", "fixtures");

/** A fixture's text, exactly as stored. */
export function fixtureText(name: string): string {
  return readFileSync(join(fixturesDir, name), "utf8");
}

type Entries = Record<string, Record<string, unknown>>;

/** A parsed cache fixture; the sections every MSAL writes are always there. */
export interface CacheFixture {
  Account: Entries;
  IdToken: Entries;
  AccessToken: Entries;
  RefreshToken: Entries;
  AppMetadata: Entries;
  [section: string]: Entries;
}

/** A fixture, parsed. */
export function fixtureJson(name: string): CacheFixture {
  return {
    Account: {},
    IdToken: {},
    AccessToken: {},
    RefreshToken: {},
    AppMetadata: {},
    ...JSON.parse(fixtureText(name)),
  };
}

export const cliClientId = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
export const powerShellClientId = "1950a258-227b-4e31-a9cf-717495945fc2";
export const otherAppClientId = "5c1e6f3a-9b2d-4e8f-a1c7-3d9e0b4f6a21";
export const contoso = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const fabrikam = "0d2a4e6c-8b1f-4c3e-9a5d-7f6e8b9c0a1d";
export const vaultScope = "https://vault.azure.net/.default";
export const storageScope = "https://storage.azure.com/.default";

/** The accounts of the Python fixtures (authority host 127.0.0.1, tenant path organizations). */
export const python = {
  host: "https://127.0.0.1",
  alice: {
    username: "alice@contoso.test",
    homeAccountId: "9f1a407b-64f3-4771-8400-0b5ac7508621.11111111-1111-4111-8111-111111111111",
    tenantId: "11111111-1111-4111-8111-111111111111",
  },
  bob: {
    username: "bob@fabrikam.test",
    homeAccountId: "c84e124c-35e0-48d0-8007-fc562f4c2098.22222222-2222-4222-8222-222222222222",
    tenantId: "22222222-2222-4222-8222-222222222222",
  },
} as const;

/** The node-style fixture's alice. */
export const nodeAlice = {
  username: "alice@contoso.com",
  homeAccountId: `a11ce000-0000-4000-8000-000000000001.${contoso}`,
} as const;
