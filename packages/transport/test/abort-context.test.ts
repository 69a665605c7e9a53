import { AsyncLocalStorage } from "node:async_hooks";
import { describe, expect, it } from "vitest";
import { currentAbortSignal } from "../src/abort-context.js";
import { runWithAbortSignal } from "../src/index.js";

describe("runWithAbortSignal", () => {
  it("makes the signal current inside fn, across awaits, and not outside", async () => {
    const controller = new AbortController();
    const seen = await runWithAbortSignal(controller.signal, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return currentAbortSignal();
    });
    expect(seen).toBe(controller.signal);
    expect(currentAbortSignal()).toBeUndefined();
  });

  it("runs fn unchanged for an undefined signal and returns its value", () => {
    expect(runWithAbortSignal(undefined, () => 42)).toBe(42);
  });

  it("combines nested signals, so the outer one still aborts inner work", async () => {
    const outer = new AbortController();
    const inner = new AbortController();
    await runWithAbortSignal(outer.signal, () =>
      runWithAbortSignal(inner.signal, async () => {
        const signal = currentAbortSignal();
        expect(signal).not.toBe(inner.signal);
        outer.abort("outer");
        expect(signal?.reason).toBe("outer");
      }),
    );
  });

  it("unhooks the link once the promise settles", async () => {
    const outer = new AbortController();
    const inner = new AbortController();
    let linked: AbortSignal | undefined;
    await runWithAbortSignal(outer.signal, () =>
      runWithAbortSignal(inner.signal, async () => {
        linked = currentAbortSignal();
      }),
    );
    outer.abort();
    expect(linked?.aborted).toBe(false);
  });

  it("rethrows what fn throws", () => {
    expect(() =>
      runWithAbortSignal(new AbortController().signal, () => {
        throw new RangeError("boom");
      }),
    ).toThrow(RangeError);
  });

  it("keeps its storage on globalThis under a registered symbol, shared by every copy", () => {
    const controller = new AbortController();
    runWithAbortSignal(controller.signal, () => {
      const key = Symbol.for("entrakit.transport.abort-signal");
      const storage = (globalThis as Record<symbol, unknown>)[key];
      expect(storage).toBeInstanceOf(AsyncLocalStorage);
      expect((storage as AsyncLocalStorage<AbortSignal>).getStore()).toBe(controller.signal);
    });
  });
});
