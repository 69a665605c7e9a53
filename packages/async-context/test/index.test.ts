import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import * as entry from "../src/index.js";

// The published CommonJS build: a real second copy next to the ESM source, as an application
// that both `require`s and `import`s entrakit would load.
type Entry = typeof entry;
const cjs = createRequire(import.meta.url)("../dist/index.cjs") as Entry;

describe("public entry point", () => {
  it("exports exactly the documented runtime names", () => {
    expect(Object.keys(entry).sort()).toEqual([
      "AsyncDisposableBase",
      "CloseGuard",
      "ClosedError",
      "currentCorrelationId",
      "disposeAll",
      "isClosedError",
      "isInCredentialChain",
      "logLevelInContext",
      "newCorrelationId",
      "runInCredentialChain",
      "toAsyncDisposable",
      "withCorrelationId",
    ]);
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(entry).sort());
  });
});

describe("CommonJS and ESM copies", () => {
  it("are different module instances", () => {
    expect(cjs.ClosedError).not.toBe(entry.ClosedError);
  });

  it("agree on the credential chain and correlation id", async () => {
    const seenByCjs = await entry.runInCredentialChain(() =>
      entry.withCorrelationId("esm-id", async () => {
        await Promise.resolve();
        return [
          cjs.isInCredentialChain(),
          cjs.currentCorrelationId(),
          cjs.logLevelInContext("error"),
        ];
      }),
    );
    const seenByEsm = cjs.withCorrelationId("cjs-id", () => entry.currentCorrelationId());

    expect(seenByCjs).toEqual([true, "esm-id", "warning"]);
    expect(seenByEsm).toBe("cjs-id");
  });

  it("recognise each other's ClosedError where instanceof fails", () => {
    const fromCjs = new cjs.ClosedError("X");

    expect(fromCjs).not.toBeInstanceOf(entry.ClosedError);
    expect(entry.isClosedError(fromCjs)).toBe(true);
    expect(cjs.isClosedError(new entry.ClosedError("X"))).toBe(true);
  });
});
