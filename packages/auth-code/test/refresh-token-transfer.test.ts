import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { refreshTokenOf } from "../src/refresh-token-transfer";

const home = "uid.utid";
const clientId = "client-a";

function cache(entries: Record<string, unknown>[]): string {
  return JSON.stringify({
    Account: {},
    RefreshToken: Object.fromEntries(entries.map((entry, index) => [`key-${index}`, entry])),
  });
}

describe("refreshTokenOf", () => {
  it("finds the account's refresh token for this client", () => {
    const text = cache([
      { home_account_id: "someone.else", client_id: clientId, secret: "other-user" },
      { home_account_id: home, client_id: "client-b", secret: "other-client" },
      { home_account_id: home, client_id: clientId, secret: "mine" },
    ]);
    expect(refreshTokenOf(text, home, clientId)).toBe("mine");
  });

  it("accepts a family (FOCI) refresh token of another client", () => {
    const text = cache([
      { home_account_id: home, client_id: "family-app", family_id: "1", secret: "family" },
    ]);
    expect(refreshTokenOf(text, home, clientId)).toBe("family");
  });

  it("returns undefined for no match, no section, or text that is not JSON", () => {
    expect(refreshTokenOf(cache([]), home, clientId)).toBeUndefined();
    expect(refreshTokenOf("{}", home, clientId)).toBeUndefined();
    expect(refreshTokenOf("not json", home, clientId)).toBeUndefined();
    expect(
      refreshTokenOf(cache([{ home_account_id: home, client_id: clientId }]), home, clientId),
    ).toBeUndefined();
  });

  it("property: any text gives a string or undefined and never throws", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), fc.string(), (text, account) => {
        const found = refreshTokenOf(text, account, clientId);
        expect(found === undefined || typeof found === "string").toBe(true);
      }),
    );
  });
});
