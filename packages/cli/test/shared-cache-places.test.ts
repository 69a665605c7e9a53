import { describe, expect, it } from "vitest";
import type { CredentialSettings } from "../src/credential-settings";
import {
  entrakitCacheNames,
  entrakitCachePlaces,
  loginCacheName,
} from "../src/shared-cache-places";

const settings: CredentialSettings = {
  authorityHost: "https://login.microsoftonline.com",
  tenantId: undefined,
  clientId: "c",
  cacheDirectory: "/tmp/entrakit-places",
  allowUnencrypted: true,
  dev: false,
  ca: undefined,
  env: { HOME: "/nonexistent-home" },
};

describe("entrakit's caches", () => {
  it("are the shared name's .nocae (login's) and .cae, never msal.cache itself", () => {
    expect(loginCacheName).toBe("msal.cache.nocae");
    expect(entrakitCacheNames).toEqual(["msal.cache.nocae", "msal.cache.cae"]);
  });

  it("live in the keyring and the cache directory's files; on Windows only in the DPAPI store", () => {
    const linux = entrakitCachePlaces(settings, "linux").map((place) => place.description);
    expect(linux).toHaveLength(4);
    expect(linux.filter((description) => description.startsWith("file "))).toEqual([
      "file /tmp/entrakit-places/msal.cache.nocae",
      "file /tmp/entrakit-places/msal.cache.cae",
    ]);
    const windows = entrakitCachePlaces({ ...settings, cacheDirectory: "C:\\cache" }, "win32");
    expect(windows).toHaveLength(2);
    expect(windows.every((place) => !place.description.startsWith("file "))).toBe(true);
  });
});
