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

  it("makes no AbortController for an acquisition whose hook never reads its signal", async () => {
    const credential = new ScriptedCredential();
    const Controller = globalThis.AbortController;
    let made = 0;
    globalThis.AbortController = class extends Controller {
      constructor() {
        super();
        made++;
      }
    };
    try {
      await credential.getToken(vault);
      await credential.getToken("https://storage.azure.com/.default", {
        abortSignal: new Controller().signal,
      });
      expect(credential.hookCalls).toBe(2);
      expect(made).toBe(0);
      // Reading it makes one, the same for the silent and the authority hook.
      credential.silent = async (request) => {
        expect(request.abortSignal).toBe(request.abortSignal);
        return undefined;
      };
      await credential.getToken("https://graph.microsoft.com/.default");
      expect(made).toBe(1);
      expect(credential.authorityRequests[0]?.abortSignal).toBe(
        credential.silentRequests.at(-1)?.abortSignal,
      );
      expect(made).toBe(1);
    } finally {
      globalThis.AbortController = Controller;
    }
  });

  it("hands a hook that reads its signal late an aborted one once every caller aborted", async () => {
    const credential = new ScriptedCredential();
    const gate = deferred();
    let signal: AbortSignal | undefined;
    credential.silent = async (request) => {
      await gate.promise;
      signal = request.abortSignal;
      return undefined;
    };
    const caller = new AbortController();
    const reason = new Error("caller gave up");
    const pending = credential.getToken(vault, { abortSignal: caller.signal });
    await flushMicrotasks();
    caller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    gate.resolve();
    await flushMicrotasks();
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBe(reason);
  });

  it("hands the hooks a request whose fields survive a spread (abortSignal included)", async () => {
    const credential = new ScriptedCredential();
    await credential.getToken(vault, { tenantId: undefined, enableCae: true });
    const request = credential.silentRequests[0] as TokenRequest;
    const copy = { ...request };
    expect(Object.keys(copy).sort()).toEqual([
      "abortSignal",
      "claims",
      "enableCae",
      "forceRefresh",
      "options",
      "scopes",
      "tenantId",
    ]);
    expect(copy.abortSignal).toBe(request.abortSignal);
    expect(copy.abortSignal.aborted).toBe(false);
    expect(copy).toMatchObject({ scopes: [vault], enableCae: true, forceRefresh: false });
  });
});
