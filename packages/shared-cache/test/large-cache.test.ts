// With 2,000 accounts the cache is parsed and indexed once; later calls re-read nothing until
// the store changes, and a warm call is a memory lookup.
import { createMemoryPersistence } from "@entrakit/cache-persistence";
import { describe, expect, it } from "vitest";
import { buildCache } from "./helpers/cache-builder";
import { credentialWith } from "./helpers/credential";
import { storageScope, vaultScope } from "./helpers/fixtures";

const managementScope = "https://management.azure.com/.default";
const later = Math.floor(Date.UTC(2027, 0, 1) / 1000);

describe("a shared cache of 2,000 accounts", () => {
  it("is loaded once, and re-read only after it changed", async () => {
    const cache = buildCache(
      Array.from({ length: 2000 }, (_, n) => ({
        username: `user${n}@contoso.com`,
        accessTokens: [
          { secret: `vault-${n}`, target: vaultScope, expiresOn: later },
          { secret: `storage-${n}`, target: storageScope, expiresOn: later },
        ],
      })),
    );
    const memory = createMemoryPersistence({ initialData: JSON.stringify(cache) });
    const counts = { load: 0 };
    const credential = credentialWith(
      { username: "user1500@contoso.com" },
      {
        stores: {
          "msal.cache": {
            ...memory,
            load: (o) => {
              counts.load++;
              return memory.load(o);
            },
          },
        },
      },
    );
    expect((await credential.getToken(vaultScope)).token).toBe("vault-1500");
    expect((await credential.getToken(storageScope)).token).toBe("storage-1500");
    expect(counts.load).toBe(1);
    // Another tool adds a token for a new resource: the next cold call sees it.
    const current = await memory.load();
    const changed = JSON.parse(current?.data ?? "{}");
    const [key, entry] =
      Object.entries(changed.AccessToken as Record<string, { secret: string }>).find(
        ([, value]) => value.secret === "vault-1500",
      ) ?? [];
    changed.AccessToken[`${key}-management`] = {
      ...entry,
      secret: "management-1500",
      target: managementScope,
    };
    await memory.save(JSON.stringify(changed), current?.version);
    expect((await credential.getToken(managementScope)).token).toBe("management-1500");
    expect(counts.load).toBe(2);
    expect((await credential.getToken(vaultScope)).token).toBe("vault-1500");
    expect(counts.load).toBe(2);
  });
});
