import { AsyncLocalStorage } from "node:async_hooks";
import { describe, expect, it, vi } from "vitest";
import { currentStore, runWithChanges } from "../src/context-storage.js";

const storageKey = Symbol.for("entrakit.async-context.storage");

/** A second, independently evaluated copy of the module, as a duplicated package would be. */
async function loadOtherCopy(): Promise<typeof import("../src/context-storage.js")> {
  vi.resetModules();
  return import("../src/context-storage.js");
}

describe("context storage", () => {
  it("is empty outside any run", () => {
    expect(currentStore()).toEqual({});
  });

  it("merges changes over the values in effect", () => {
    const seen = runWithChanges({ correlationId: "a" }, () =>
      runWithChanges({ inCredentialChain: true }, () => currentStore()),
    );

    expect(seen).toEqual({ correlationId: "a", inCredentialChain: true });
  });

  it("lives on globalThis under the registered symbol", () => {
    runWithChanges({}, () => {});

    expect((globalThis as Record<symbol, unknown>)[storageKey]).toBeInstanceOf(AsyncLocalStorage);
  });

  it("is shared by another copy of the module, in both directions", async () => {
    const other = await loadOtherCopy();

    expect(other.currentStore).not.toBe(currentStore);
    expect(runWithChanges({ correlationId: "from-this" }, () => other.currentStore())).toEqual({
      correlationId: "from-this",
    });
    expect(other.runWithChanges({ inCredentialChain: true }, () => currentStore())).toEqual({
      inCredentialChain: true,
    });
  });

  it("is adopted, not replaced, by a copy loaded after a run started", async () => {
    const seen = await runWithChanges({ correlationId: "outer" }, async () => {
      const other = await loadOtherCopy();
      return other.currentStore().correlationId;
    });

    expect(seen).toBe("outer");
  });
});
