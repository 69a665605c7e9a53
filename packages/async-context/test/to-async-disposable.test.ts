import { describe, expect, it, vi } from "vitest";
import { type Closable, toAsyncDisposable } from "../src/to-async-disposable.js";
import { deferred, flushMicrotasks, track } from "./helpers.js";

describe("toAsyncDisposable", () => {
  it("closes the resource at the end of an await using scope, not before", async () => {
    const resource = { close: vi.fn(async () => {}) };
    {
      await using _resource = toAsyncDisposable(resource);
      expect(resource.close).not.toHaveBeenCalled();
    }

    expect(resource.close).toHaveBeenCalledTimes(1);
  });

  it("waits for an asynchronous close() to finish", async () => {
    const closed = deferred();
    const disposing = track(
      toAsyncDisposable({ close: () => closed.promise })[Symbol.asyncDispose](),
    );

    await flushMicrotasks();
    expect(disposing.settled).toBe(false);

    closed.resolve();
    await flushMicrotasks();
    expect(disposing.settled).toBe(true);
  });

  it("calls close() with the resource as this and leaves the resource unchanged", async () => {
    class Client {
      closed = false;
      close(): void {
        this.closed = true;
      }
    }
    const client = new Client();

    await toAsyncDisposable(client)[Symbol.asyncDispose]();

    expect(client.closed).toBe(true);
    expect(Object.getOwnPropertySymbols(client)).toEqual([]);
  });

  it("propagates close()'s failure, synchronous or not", async () => {
    const failure = new Error("EBUSY");

    await expect(
      toAsyncDisposable({ close: () => Promise.reject(failure) })[Symbol.asyncDispose](),
    ).rejects.toBe(failure);
    await expect(
      toAsyncDisposable({
        close: () => {
          throw failure;
        },
      })[Symbol.asyncDispose](),
    ).rejects.toBe(failure);
  });

  it("closes once when disposed twice", async () => {
    const resource = { close: vi.fn(async () => {}) };
    const handle = toAsyncDisposable(resource);

    const first = handle[Symbol.asyncDispose]();
    const second = handle[Symbol.asyncDispose]();
    await Promise.all([first, second]);

    expect(second).toBe(first);
    expect(resource.close).toHaveBeenCalledTimes(1);
  });

  it.each([
    ["an object without close()", {}],
    ["a non-function close", { close: "now" }],
    ["undefined", undefined],
  ])("throws a TypeError for %s", (_label, value) => {
    expect(() => toAsyncDisposable(value as unknown as Closable)).toThrow(TypeError);
  });
});
