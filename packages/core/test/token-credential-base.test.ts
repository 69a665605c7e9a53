import { describe, expect, it } from "vitest";
import { type AccessTokenInfo, InvalidArgumentError, type TokenRequest } from "../src/index.js";
import { deferred, flushMicrotasks } from "./helpers/deferred.js";
import { ManualClock } from "./helpers/manual-clock.js";
import { hourMs, ScriptedCredential } from "./helpers/scripted-credential.js";

const vault = "https://vault.azure.net/.default";

describe("TokenCredentialBase: memory cache and single flight", () => {
  it("serves a warm call from memory without calling any hook", async () => {
    const credential = new ScriptedCredential();
    const first = await credential.getToken(vault);
    expect(credential.hookCalls).toBe(1);

    const second = await credential.getToken(vault);
    const third = await credential.getToken([vault]);

    expect(credential.hookCalls).toBe(1);
    expect(second).toBe(first);
    expect(third).toBe(first);
  });

  it("answers 1,000 concurrent cold calls with one hook call and one token", async () => {
    const credential = new ScriptedCredential();
    const gate = deferred();
    credential.silent = async (request) => {
      await gate.promise;
      return credential.issue(request);
    };

    const calls = Array.from({ length: 1000 }, () => credential.getToken(vault));
    await flushMicrotasks();
    gate.resolve();
    const tokens = await Promise.all(calls);

    expect(credential.hookCalls).toBe(1);
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(tokens).toHaveLength(1000);
  });

  it("falls back to the authority hook when the silent hook has nothing", async () => {
    const credential = new ScriptedCredential();
    credential.silent = () => undefined;

    const token = await credential.getToken(vault);

    expect(credential.silentRequests).toHaveLength(1);
    expect(credential.authorityRequests).toHaveLength(1);
    expect(credential.authorityRequests[0]?.forceRefresh).toBe(false);
    expect(token.token).toMatch(/^token-tenant-a-/);
  });

  it("keys the cache by sorted scopes: ['b','a'] is served from the ['a','b'] entry", async () => {
    const credential = new ScriptedCredential();
    const ab = await credential.getToken(["a", "b"]);
    const ba = await credential.getToken(["b", "a"]);

    expect(ba).toBe(ab);
    expect(credential.hookCalls).toBe(1);
    expect(credential.silentRequests[0]?.scopes).toEqual(["a", "b"]);
  });

  it("keeps separate entries for different scopes and for CAE on and off", async () => {
    const credential = new ScriptedCredential();
    const plain = await credential.getToken(vault);
    const cae = await credential.getToken(vault, { enableCae: true });
    const other = await credential.getToken("https://storage.azure.com/.default");

    expect(credential.hookCalls).toBe(3);
    expect(new Set([plain.token, cae.token, other.token]).size).toBe(3);
    expect(credential.silentRequests.map((r) => r.enableCae)).toEqual([false, true, false]);
    expect(await credential.getToken(vault, { enableCae: true })).toBe(cae);
    expect(await credential.getToken(vault)).toBe(plain);
    expect(credential.hookCalls).toBe(3);
  });

  it("never serves one tenant's token to another tenant", async () => {
    const credential = new ScriptedCredential(new ManualClock(), {
      additionallyAllowedTenants: ["tenant-b"],
    });
    const a = await credential.getToken(vault);
    const b = await credential.getToken(vault, { tenantId: "tenant-b" });

    expect(a.token).toMatch(/^token-tenant-a-/);
    expect(b.token).toMatch(/^token-tenant-b-/);
    expect((await credential.getToken(vault)).token).toBe(a.token);
    expect((await credential.getToken(vault, { tenantId: "tenant-b" })).token).toBe(b.token);
    expect((await credential.getToken(vault, { tenantId: "tenant-a" })).token).toBe(a.token);
    expect(credential.silentRequests.map((r) => r.tenantId)).toEqual(["tenant-a", "tenant-b"]);
  });

  it("starts with tenant B, then still gets tenant A's own token for a plain call", async () => {
    const credential = new ScriptedCredential(new ManualClock(), {
      additionallyAllowedTenants: ["*"],
    });
    const b = await credential.getToken(vault, { tenantId: "tenant-b" });
    const a = await credential.getToken(vault);

    expect(b.token).toMatch(/^token-tenant-b-/);
    expect(a.token).toMatch(/^token-tenant-a-/);
    expect(credential.hookCalls).toBe(2);
  });

  it("rejects a tenant outside additionallyAllowedTenants before calling any hook", async () => {
    const credential = new ScriptedCredential(new ManualClock(), {
      additionallyAllowedTenants: ["tenant-b"],
    });

    const error = await credential.getToken(vault, { tenantId: "tenant-c" }).catch((e) => e);

    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.code).toBe("tenant_not_allowed");
    expect(error.message).toContain("additionallyAllowedTenants");
    expect(error.message).toMatch(/^ScriptedCredential: /);
    expect(credential.hookCalls).toBe(0);
  });

  it("ignores the tenant override when AZURE_IDENTITY_DISABLE_MULTITENANTAUTH is set", async () => {
    const credential = new ScriptedCredential(new ManualClock(), {
      env: { AZURE_IDENTITY_DISABLE_MULTITENANTAUTH: "true" },
    });
    const token = await credential.getToken(vault, { tenantId: "tenant-z" });

    expect(token.token).toMatch(/^token-tenant-a-/);
    expect(credential.silentRequests[0]?.tenantId).toBe("tenant-a");
  });

  it("reads the environment once, at construction", async () => {
    const env: Record<string, string | undefined> = {
      AZURE_IDENTITY_DISABLE_MULTITENANTAUTH: "true",
    };
    const credential = new ScriptedCredential(new ManualClock(), { env });
    env.AZURE_IDENTITY_DISABLE_MULTITENANTAUTH = undefined;

    const token = await credential.getToken(vault, { tenantId: "tenant-z" });

    expect(token.token).toMatch(/^token-tenant-a-/);
  });

  it("rejects a malformed requested tenant id", async () => {
    const credential = new ScriptedCredential(new ManualClock(), {
      additionallyAllowedTenants: ["*"],
    });
    const error = await credential.getToken(vault, { tenantId: "../evil" }).catch((e) => e);

    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.code).toBe("invalid_tenant_id");
    expect(credential.hookCalls).toBe(0);
  });

  it("passes the validated scopes, the resolved tenant and the caller's options to the hook", async () => {
    const credential = new ScriptedCredential();
    const options = { requestOptions: { timeout: 5 } };
    await credential.getToken(["b", "a"], options);

    const request = credential.silentRequests[0] as TokenRequest;
    expect(request.scopes).toEqual(["b", "a"]);
    expect(request.tenantId).toBe("tenant-a");
    expect(request.claims).toBeUndefined();
    expect(request.enableCae).toBe(false);
    expect(request.forceRefresh).toBe(false);
    expect(request.options).toBe(options);
    expect(request.abortSignal.aborted).toBe(false);
  });

  it("always returns refreshAfterTimestamp and tokenType, even when the hook left them out", async () => {
    const clock = new ManualClock();
    const credential = new ScriptedCredential(clock);
    credential.silent = () =>
      ({ token: "bare", expiresOnTimestamp: clock.now() + hourMs }) as AccessTokenInfo;

    const token = await credential.getToken(vault);

    expect(token.tokenType).toBe("Bearer");
    expect(token.refreshAfterTimestamp).toBe(clock.now() + hourMs - 5 * 60_000);
    expect(Object.isFrozen(token)).toBe(true);
  });

  it("keeps the hook's pop token type", async () => {
    const credential = new ScriptedCredential();
    credential.silent = (request) => ({ ...credential.issue(request), tokenType: "pop" });

    expect((await credential.getToken(vault)).tokenType).toBe("pop");
  });

  it("drops everything with clearMemoryCache", async () => {
    const credential = new ScriptedCredential();
    await credential.getToken(vault);
    credential.clearCache();
    await credential.getToken(vault);

    expect(credential.hookCalls).toBe(2);
  });
});

describe("TokenCredentialBase: maxCachedTokens", () => {
  it("bounds the map by evicting the oldest entry when none has expired", async () => {
    const credential = new ScriptedCredential(new ManualClock(), { maxCachedTokens: 2 });
    await credential.getToken("a");
    await credential.getToken("b");
    await credential.getToken("c");
    expect(credential.hookCalls).toBe(3);

    await credential.getToken("b");
    await credential.getToken("c");
    expect(credential.hookCalls).toBe(3);

    await credential.getToken("a");
    expect(credential.hookCalls).toBe(4);
  });

  it("evicts expired entries before live ones", async () => {
    const clock = new ManualClock();
    const credential = new ScriptedCredential(clock, { maxCachedTokens: 3 });
    await credential.getToken("long-1");
    credential.silent = (request) => credential.issue(request, 10 * 60_000);
    await credential.getToken("short");
    credential.silent = (request) => credential.issue(request);
    await credential.getToken("long-2");
    clock.advance(11 * 60_000);

    await credential.getToken("new");
    expect(credential.hookCalls).toBe(4);

    await credential.getToken("long-1");
    await credential.getToken("long-2");
    await credential.getToken("new");
    expect(credential.hookCalls).toBe(4);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    "refuses maxCachedTokens %s at construction",
    (maxCachedTokens) => {
      expect(() => new ScriptedCredential(new ManualClock(), { maxCachedTokens })).toThrow(
        expect.objectContaining({
          code: "invalid_option",
          message: expect.stringContaining("maxCachedTokens"),
        }),
      );
    },
  );
});

describe("TokenCredentialBase: input checks", () => {
  it.each([
    ["an empty list", []],
    ["an empty scope", [""]],
    ["a scope with a space", ["https://vault.azure.net/.default openid"]],
    ["a scope with a newline", ["a\nb"]],
    ["a non-string scope", [42]],
    ["undefined", undefined],
    ["null", null],
  ])("rejects %s with InvalidArgumentError as a rejected promise", async (_, scopes) => {
    const credential = new ScriptedCredential();
    let promise: Promise<unknown> | undefined;

    expect(() => {
      promise = credential.getToken(scopes as never);
    }).not.toThrow();
    const error: unknown = await promise?.catch((e) => e);

    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).code).toBe("invalid_scope");
    expect(credential.hookCalls).toBe(0);
  });

  it("turns a hook's synchronous throw into a rejected promise", async () => {
    const credential = new ScriptedCredential();
    const failure = new TypeError("hook broke");
    credential.silent = () => {
      throw failure;
    };

    await expect(credential.getToken(vault)).rejects.toBe(failure);
  });

  it("refuses a malformed tenantId or allowed tenant at construction", () => {
    expect(() => new ScriptedCredential(new ManualClock(), { tenantId: "a/b" })).toThrow(
      InvalidArgumentError,
    );
    expect(
      () =>
        new ScriptedCredential(new ManualClock(), { additionallyAllowedTenants: ["ok", "no?"] }),
    ).toThrow(
      expect.objectContaining({ message: expect.stringContaining("additionallyAllowedTenants") }),
    );
  });
});
