import { describe, expect, it, vi } from "vitest";
import { type DisposableResource, disposeAll } from "../src/dispose-all.js";
import { deferred, flushMicrotasks, track } from "./helpers.js";

function asyncResource(dispose: () => Promise<void> = async () => {}) {
  return { [Symbol.asyncDispose]: vi.fn(dispose) };
}

function syncResource(dispose: () => void = () => {}) {
  return { [Symbol.dispose]: vi.fn(dispose) };
}

describe("disposeAll", () => {
  it("disposes every resource, async and sync, and skips null and undefined", async () => {
    const a = asyncResource();
    const b = syncResource();

    await disposeAll(a, null, b, undefined);

    expect(a[Symbol.asyncDispose]).toHaveBeenCalledTimes(1);
    expect(b[Symbol.dispose]).toHaveBeenCalledTimes(1);
  });

  it("calls each disposer with its resource as this", async () => {
    const seen: unknown[] = [];
    const a = {
      [Symbol.asyncDispose](this: unknown) {
        seen.push(this);
        return Promise.resolve();
      },
    };

    await disposeAll(a);

    expect(seen).toEqual([a]);
  });

  it("prefers Symbol.asyncDispose when a resource has both", async () => {
    const both = { ...asyncResource(), ...syncResource() };

    await disposeAll(both);

    expect(both[Symbol.asyncDispose]).toHaveBeenCalledTimes(1);
    expect(both[Symbol.dispose]).not.toHaveBeenCalled();
  });

  it("resolves with nothing to dispose", async () => {
    await expect(disposeAll()).resolves.toBeUndefined();
  });

  it("waits for every disposal to finish", async () => {
    const slow = deferred();
    const all = track(
      disposeAll(
        asyncResource(),
        asyncResource(() => slow.promise),
      ),
    );

    await flushMicrotasks();
    expect(all.settled).toBe(false);

    slow.resolve();
    await flushMicrotasks();
    expect(all.settled).toBe(true);
  });

  it("disposes the rest when some fail and rejects with every error in argument order", async () => {
    const asyncFailure = new Error("redis: connection reset");
    const syncFailure = new Error("lock file busy");
    const ok = asyncResource();
    const failingAsync = asyncResource(() => Promise.reject(asyncFailure));
    const failingSync = syncResource(() => {
      throw syncFailure;
    });

    const error: unknown = await disposeAll(failingSync, ok, failingAsync).catch((e) => e);

    expect(ok[Symbol.asyncDispose]).toHaveBeenCalledTimes(1);
    expect(failingAsync[Symbol.asyncDispose]).toHaveBeenCalledTimes(1);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors).toEqual([syncFailure, asyncFailure]);
    expect((error as AggregateError).message).toBe(
      "disposeAll: 2 of 3 resources failed to dispose. See this error's errors array for each cause.",
    );
  });

  it("wraps even a single failure, so callers handle one shape", async () => {
    const failure = new Error("x");

    const error: unknown = await disposeAll(asyncResource(() => Promise.reject(failure))).catch(
      (e) => e,
    );

    expect((error as AggregateError).errors).toEqual([failure]);
  });

  it("rejects with a TypeError naming the argument, before disposing anything", async () => {
    const first = asyncResource();
    const notDisposable = { close: async () => {} } as unknown as DisposableResource;

    await expect(disposeAll(first, notDisposable)).rejects.toThrow(
      new TypeError(
        "disposeAll: argument 1 has neither Symbol.asyncDispose nor Symbol.dispose. Pass a disposable, or wrap an object that has close() with toAsyncDisposable().",
      ),
    );
    expect(first[Symbol.asyncDispose]).not.toHaveBeenCalled();
  });
});
