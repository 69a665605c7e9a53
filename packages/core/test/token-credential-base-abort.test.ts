import { describe, expect, it } from "vitest";
import type { TokenRequest } from "../src/index.js";
import { deferred, flushMicrotasks } from "./helpers/deferred.js";
import { ScriptedCredential } from "./helpers/scripted-credential.js";

const vault = "https://vault.azure.net/.default";

describe("TokenCredentialBase: abort", () => {
  it("rejects only the caller that aborted; the other waiter gets the token", async () => {
    const credential = new ScriptedCredential();
    const gate = deferred();
    credential.silent = async (request) => {
      await gate.promise;
      return credential.issue(request);
    };
    const first = new AbortController();
    const second = new AbortController();

    const p1 = credential.getToken(vault, { abortSignal: first.signal });
    const p2 = credential.getToken(vault, { abortSignal: second.signal });
    await flushMicrotasks();
    const reason = new Error("caller one gave up");
    first.abort(reason);

    await expect(p1).rejects.toBe(reason);
    expect(credential.silentRequests[0]?.abortSignal.aborted).toBe(false);
    gate.resolve();
    await expect(p2).resolves.toMatchObject({ token: expect.stringMatching(/^token-/) });
    expect(credential.hookCalls).toBe(1);
  });

  it("aborts the hook's signal once every waiting caller has aborted", async () => {
    const credential = new ScriptedCredential();
    const started = deferred<TokenRequest>();
    credential.silent = (request) => {
      started.resolve(request);
      return new Promise((_, reject) => {
        request.abortSignal.addEventListener("abort", () => reject(request.abortSignal.reason));
      });
    };
    const first = new AbortController();
    const second = new AbortController();
    const p1 = credential.getToken(vault, { abortSignal: first.signal }).catch((e) => e);
    const p2 = credential.getToken(vault, { abortSignal: second.signal }).catch((e) => e);
    const request = await started.promise;

    first.abort();
    expect(request.abortSignal.aborted).toBe(false);
    second.abort();
    expect(request.abortSignal.aborted).toBe(true);
    expect((await p1).name).toBe("AbortError");
    expect((await p2).name).toBe("AbortError");
  });
});
