import { describe, expect, it } from "vitest";
import { isInCredentialChain, runInCredentialChain } from "../src/credential-chain.js";
import { deferred } from "./helpers.js";

describe("runInCredentialChain / isInCredentialChain", () => {
  it("is false outside a chain and true inside", () => {
    expect(isInCredentialChain()).toBe(false);
    expect(runInCredentialChain(() => isInCredentialChain())).toBe(true);
    expect(isInCredentialChain()).toBe(false);
  });

  it("returns what fn returns, promises included", async () => {
    const value = { token: "t" };

    expect(runInCredentialChain(() => value)).toBe(value);
    await expect(runInCredentialChain(async () => value)).resolves.toBe(value);
  });

  it("propagates across awaits, timers, immediates, microtasks and promise callbacks", async () => {
    const seen = await runInCredentialChain(async () => {
      const afterAwait = await Promise.resolve().then(() => isInCredentialChain());
      const inTimer = await new Promise<boolean>((resolve) =>
        setTimeout(() => resolve(isInCredentialChain()), 1),
      );
      const inImmediate = await new Promise<boolean>((resolve) =>
        setImmediate(() => resolve(isInCredentialChain())),
      );
      const inMicrotask = await new Promise<boolean>((resolve) =>
        queueMicrotask(() => resolve(isInCredentialChain())),
      );
      return { afterAwait, inTimer, inImmediate, inMicrotask, atEnd: isInCredentialChain() };
    });

    expect(seen).toEqual({
      afterAwait: true,
      inTimer: true,
      inImmediate: true,
      inMicrotask: true,
      atEnd: true,
    });
  });

  it("keeps concurrent callers apart: a chain does not leak into work outside it", async () => {
    const gate = deferred();
    const inside = runInCredentialChain(async () => {
      await gate.promise;
      return isInCredentialChain();
    });
    const outside = (async () => {
      await gate.promise;
      return isInCredentialChain();
    })();

    gate.resolve();

    expect(await inside).toBe(true);
    expect(await outside).toBe(false);
  });

  it("is still true in a nested chain and after it ends", () => {
    const seen = runInCredentialChain(() => {
      const nested = runInCredentialChain(() => isInCredentialChain());
      return [nested, isInCredentialChain()];
    });

    expect(seen).toEqual([true, true]);
  });

  it("restores the outside state when fn throws", () => {
    expect(() =>
      runInCredentialChain(() => {
        throw new Error("x");
      }),
    ).toThrow("x");
    expect(isInCredentialChain()).toBe(false);
  });
});
