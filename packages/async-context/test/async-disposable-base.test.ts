import { describe, expect, it, vi } from "vitest";
import { AsyncDisposableBase } from "../src/async-disposable-base.js";
import { isClosedError } from "../src/closed-error.js";
import { type Deferred, deferred, flushMicrotasks, track } from "./helpers.js";

/** A subclass whose onClose is scripted by the test and whose protected API is reachable. */
class Resource extends AsyncDisposableBase {
  readonly onCloseCalls = vi.fn<() => Promise<void>>(async () => {});

  protected override onClose(): Promise<void> {
    return this.onCloseCalls();
  }

  use(): string {
    this.assertOpen("Resource.use");
    return "used";
  }

  run<T>(operation: () => T | PromiseLike<T>): Promise<T> {
    return this.trackOperation("Resource.run", operation);
  }

  get isClosed(): boolean {
    return this.closed;
  }
}

describe("AsyncDisposableBase close()", () => {
  it("runs onClose once for concurrent calls, which all share one promise", async () => {
    const resource = new Resource();
    const release = deferred();
    resource.onCloseCalls.mockImplementation(() => release.promise);

    const calls = [resource.close(), resource.close(), resource[Symbol.asyncDispose]()];
    await flushMicrotasks();
    release.resolve();
    await Promise.all(calls);

    expect(resource.onCloseCalls).toHaveBeenCalledTimes(1);
    expect(calls[1]).toBe(calls[0]);
    expect(calls[2]).toBe(calls[0]);
  });

  it("does not run onClose again when called after it finished", async () => {
    const resource = new Resource();

    await resource.close();
    await resource.close();

    expect(resource.onCloseCalls).toHaveBeenCalledTimes(1);
  });

  it("does not settle before onClose finishes", async () => {
    const resource = new Resource();
    const release = deferred();
    resource.onCloseCalls.mockImplementation(() => release.promise);

    const closing = track(resource.close());
    await flushMicrotasks();
    expect(closing.settled).toBe(false);

    release.resolve();
    await flushMicrotasks();
    expect(closing.settled).toBe(true);
  });

  it("rejects every waiting call with onClose's error, and later calls with the same one", async () => {
    const resource = new Resource();
    const failure = new Error("disk full");
    const release: Deferred<void> = deferred();
    resource.onCloseCalls.mockImplementation(() => release.promise);

    const first = resource.close();
    const second = resource.close();
    release.reject(failure);

    await expect(first).rejects.toBe(failure);
    await expect(second).rejects.toBe(failure);
    await expect(resource.close()).rejects.toBe(failure);
    expect(resource.onCloseCalls).toHaveBeenCalledTimes(1);
  });

  it("turns a synchronous throw in onClose into a rejection", async () => {
    const resource = new Resource();
    const failure = new Error("boom");
    resource.onCloseCalls.mockImplementation(() => {
      throw failure;
    });

    const closing = resource.close();

    await expect(closing).rejects.toBe(failure);
  });

  it("counts as closed while onClose runs, so onClose sees the object as closed", async () => {
    const resource = new Resource();
    let closedDuringOnClose: boolean | undefined;
    resource.onCloseCalls.mockImplementation(async () => {
      closedDuringOnClose = resource.isClosed;
    });

    expect(resource.isClosed).toBe(false);
    await resource.close();

    expect(closedDuringOnClose).toBe(true);
    expect(resource.isClosed).toBe(true);
  });
});

describe("AsyncDisposableBase with await using", () => {
  it("closes at the end of the scope, not before", async () => {
    const resource = new Resource();
    {
      await using scoped = resource;
      scoped.use();
      expect(resource.onCloseCalls).not.toHaveBeenCalled();
    }

    expect(resource.onCloseCalls).toHaveBeenCalledTimes(1);
  });

  it("closes when the scope throws, and the scope's error wins", async () => {
    const resource = new Resource();
    const failure = new Error("request failed");

    const leaveScope = async () => {
      await using _scoped = resource;
      throw failure;
    };

    await expect(leaveScope()).rejects.toBe(failure);
    expect(resource.onCloseCalls).toHaveBeenCalledTimes(1);
  });

  it("does not run onClose twice when close() was also called in the scope", async () => {
    const resource = new Resource();
    {
      await using scoped = resource;
      await scoped.close();
    }

    expect(resource.onCloseCalls).toHaveBeenCalledTimes(1);
  });
});

describe("AsyncDisposableBase assertOpen()", () => {
  it("passes while open", () => {
    expect(new Resource().use()).toBe("used");
  });

  it("throws ClosedError naming the component once close() was called, even before it finished", async () => {
    const resource = new Resource();
    const release = deferred();
    resource.onCloseCalls.mockImplementation(() => release.promise);

    const closing = resource.close();

    expect(() => resource.use()).toThrow(/^Resource\.use: this credential was closed\./);
    release.resolve();
    await closing;
    let caught: unknown;
    try {
      resource.use();
    } catch (error) {
      caught = error;
    }
    expect(isClosedError(caught)).toBe(true);
  });
});

describe("AsyncDisposableBase trackOperation()", () => {
  it("passes the operation's value and error through", async () => {
    const resource = new Resource();
    const failure = new Error("AADSTS70000");

    await expect(resource.run(async () => 42)).resolves.toBe(42);
    await expect(resource.run(() => "sync")).resolves.toBe("sync");
    await expect(resource.run(() => Promise.reject(failure))).rejects.toBe(failure);
  });

  it("turns a synchronous throw into a rejection", async () => {
    const resource = new Resource();
    const failure = new TypeError("bad scope");

    const result = resource.run(() => {
      throw failure;
    });

    await expect(result).rejects.toBe(failure);
  });

  it("makes close() wait for operations in flight before running onClose", async () => {
    const resource = new Resource();
    const request = deferred<string>();
    const operation = resource.run(() => request.promise);

    const closing = track(resource.close());
    await flushMicrotasks();
    expect(resource.onCloseCalls).not.toHaveBeenCalled();
    expect(closing.settled).toBe(false);

    request.resolve("token");
    await expect(operation).resolves.toBe("token");
    await flushMicrotasks();
    expect(resource.onCloseCalls).toHaveBeenCalledTimes(1);
    expect(closing.settled).toBe(true);
  });

  it("waits for every operation in flight, and failed ones do not fail close()", async () => {
    const resource = new Resource();
    const first = deferred<number>();
    const second = deferred<number>();
    const failure = new Error("network down");
    const operations = [resource.run(() => first.promise), resource.run(() => second.promise)];

    const closing = resource.close();
    second.reject(failure);
    await flushMicrotasks();
    expect(resource.onCloseCalls).not.toHaveBeenCalled();

    first.resolve(1);
    await expect(closing).resolves.toBeUndefined();
    expect(resource.onCloseCalls).toHaveBeenCalledTimes(1);
    await expect(operations[0]).resolves.toBe(1);
    await expect(operations[1]).rejects.toBe(failure);
  });

  it("does not wait for operations that settled before close()", async () => {
    const resource = new Resource();
    await resource.run(async () => "done");

    const closing = track(resource.close());
    await flushMicrotasks();

    expect(resource.onCloseCalls).toHaveBeenCalledTimes(1);
    expect(closing.settled).toBe(true);
  });

  it("rejects operations started after close() with ClosedError, without running them", async () => {
    const resource = new Resource();
    const operation = vi.fn(async () => "token");
    const closing = resource.close();

    const whileClosing = resource.run(operation);
    await closing;
    const afterClosed = resource.run(operation);

    await expect(whileClosing).rejects.toSatisfy(isClosedError);
    await expect(afterClosed).rejects.toThrow(/^Resource\.run: this credential was closed\./);
    expect(operation).not.toHaveBeenCalled();
  });
});
