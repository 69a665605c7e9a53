import { describe, expect, it } from "vitest";
import {
  CredentialUnavailableError,
  entrakitErrorMarker,
  isAuthenticationError,
  isCredentialUnavailableError,
} from "../../src/index.js";

describe("CredentialUnavailableError", () => {
  it("has the exact name, the marker and the default code", () => {
    const error = new CredentialUnavailableError("SharedTokenCacheCredential: no cache. Sign in.");

    expect(error.name).toBe("CredentialUnavailableError");
    expect(error.code).toBe("credential_unavailable");
    expect(error[entrakitErrorMarker]).toBe(true);
    expect(error.message).toBe("SharedTokenCacheCredential: no cache. Sign in.");
    expect(isCredentialUnavailableError(error)).toBe(true);
    expect(isAuthenticationError(error)).toBe(false);
  });

  it("keeps a code override and the cause", () => {
    const cause = Object.assign(new Error("ENOENT"), { code: "ENOENT" });
    const error = new CredentialUnavailableError("m", { code: "keyring_unavailable", cause });

    expect(error.code).toBe("keyring_unavailable");
    expect(error.cause).toBe(cause);
  });

  it("exposes code as an enumerable, read-only property and hides the marker from enumeration", () => {
    const error = new CredentialUnavailableError("m", { code: "no_accounts" });

    expect(Object.keys(error)).toContain("code");
    expect(Object.keys(error)).not.toContain(entrakitErrorMarker.toString());
    expect(Object.getOwnPropertyDescriptor(error, entrakitErrorMarker)?.enumerable).toBe(false);
    expect(() => {
      (error as { code: string }).code = "other";
    }).toThrow(TypeError);
  });
});
