import { createMemoryPersistence } from "@entrakit/cache-persistence";
import { describe, expect, it } from "vitest";
import { createTokenCachePlugin } from "../src/persistence";

describe("createTokenCachePlugin", () => {
  it("keeps tokens in memory unless persistence is asked for", () => {
    expect(createTokenCachePlugin(undefined, false)).toBeUndefined();
    expect(createTokenCachePlugin({}, false)).toBeUndefined();
    expect(createTokenCachePlugin({ enabled: false, name: "x.cache" }, true)).toBeUndefined();
  });

  it("a custom backend holds the non-CAE cache; CAE tokens stay in memory", async () => {
    const persistence = createMemoryPersistence();
    const plugin = createTokenCachePlugin({ persistence }, false);
    expect(createTokenCachePlugin({ persistence }, true)).toBeUndefined();

    let stored = "{}";
    const tokenCache = {
      serialize: () => stored,
      deserialize: (text: string) => {
        stored = text;
      },
    };
    await plugin?.beforeCacheAccess({ cacheHasChanged: false, tokenCache });
    stored = JSON.stringify({ Account: { a: { home_account_id: "h" } } });
    await plugin?.afterCacheAccess({ cacheHasChanged: true, tokenCache });
    expect(JSON.parse((await persistence.load())?.data ?? "{}").Account).toEqual({
      a: { home_account_id: "h" },
    });
  });

  it("an enabled cache resolves its backend on first use, not at construction", () => {
    // Building the plugin touches no keyring or file: it is an object with the two hooks.
    const plugin = createTokenCachePlugin({ enabled: true, name: "never-resolved.cache" }, true);
    expect(typeof plugin?.beforeCacheAccess).toBe("function");
    expect(typeof plugin?.afterCacheAccess).toBe("function");
  });
});
