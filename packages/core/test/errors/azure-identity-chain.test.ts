import { ChainedTokenCredential } from "@azure/identity";
import { describe, expect, it } from "vitest";
import {
  type AccessToken,
  AuthenticationError,
  AuthenticationRequiredError,
  CredentialUnavailableError,
  type TokenCredential,
} from "../../src/index.js";

// @azure/identity's ChainedTokenCredential decides by `err.name` whether to try the next
// credential; these tests hold our names to that contract with the real package.

class Throwing implements TokenCredential {
  calls = 0;
  constructor(private readonly error: Error) {}
  async getToken(): Promise<AccessToken | null> {
    this.calls++;
    throw this.error;
  }
}

class Working implements TokenCredential {
  calls = 0;
  async getToken(): Promise<AccessToken> {
    this.calls++;
    return { token: "from-the-second", expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

describe("@azure/identity ChainedTokenCredential with entrakit errors", () => {
  it("moves on after our CredentialUnavailableError", async () => {
    const first = new Throwing(new CredentialUnavailableError("First: no cache. Sign in."));
    const second = new Working();

    const token = await new ChainedTokenCredential(first, second).getToken("scope");

    expect(token?.token).toBe("from-the-second");
    expect(first.calls).toBe(1);
    expect(second.calls).toBe(1);
  });

  it("moves on after our AuthenticationRequiredError", async () => {
    const first = new Throwing(new AuthenticationRequiredError({ scopes: ["scope"] }));
    const second = new Working();

    await expect(
      new ChainedTokenCredential(first, second).getToken("scope"),
    ).resolves.toMatchObject({
      token: "from-the-second",
    });
  });

  it("stops at our AuthenticationError and rethrows it", async () => {
    const failure = new AuthenticationError(400, { error: "invalid_grant", errorDescription: "" });
    const second = new Working();

    const error = await new ChainedTokenCredential(new Throwing(failure), second)
      .getToken("scope")
      .catch((e) => e);

    expect(error).toBe(failure);
    expect(second.calls).toBe(0);
  });

  it("aggregates our CredentialUnavailableErrors when every credential is unavailable", async () => {
    const error = await new ChainedTokenCredential(
      new Throwing(new CredentialUnavailableError("A: unavailable. Do a.")),
      new Throwing(new CredentialUnavailableError("B: unavailable. Do b.")),
    )
      .getToken("scope")
      .catch((e) => e);

    expect(error.name).toBe("AggregateAuthenticationError");
    expect(error.errors.map((e: Error) => e.message)).toEqual([
      "A: unavailable. Do a.",
      "B: unavailable. Do b.",
    ]);
  });
});
