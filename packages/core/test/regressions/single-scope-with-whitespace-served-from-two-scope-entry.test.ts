import { describe, expect, it } from "vitest";
import { ScriptedCredential } from "../helpers/scripted-credential.js";

// The warm path looks a single scope up before checking it. The unchecked scope "a b" built the
// same key as the checked pair ["a", "b"], so it was served that pair's token unchecked.
describe("regression: a single scope with whitespace was served from a two-scope entry", () => {
  it("rejects a single scope containing whitespace even when a two-scope entry has that key", async () => {
    const credential = new ScriptedCredential();
    await credential.getToken(["a", "b"]);

    await expect(credential.getToken("a b")).rejects.toMatchObject({ code: "invalid_scope" });
    await expect(credential.getToken(["a b"])).rejects.toMatchObject({ code: "invalid_scope" });
    expect(credential.hookCalls).toBe(1);
  });
});
