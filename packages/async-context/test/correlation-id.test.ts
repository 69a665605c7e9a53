import { describe, expect, it } from "vitest";
import {
  currentCorrelationId,
  newCorrelationId,
  withCorrelationId,
} from "../src/correlation-id.js";
import { isInCredentialChain, runInCredentialChain } from "../src/credential-chain.js";

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("newCorrelationId", () => {
  it("returns version 4 UUIDs", () => {
    expect(newCorrelationId()).toMatch(uuidV4);
  });

  it("never repeats", () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newCorrelationId()));

    expect(ids.size).toBe(1000);
  });
});

describe("withCorrelationId / currentCorrelationId", () => {
  it("is undefined outside any run", () => {
    expect(currentCorrelationId()).toBeUndefined();
  });

  it("sets the id for fn and restores it afterwards", () => {
    expect(withCorrelationId("call-1", () => currentCorrelationId())).toBe("call-1");
    expect(currentCorrelationId()).toBeUndefined();
  });

  it("propagates across awaits and timers", async () => {
    const seen = await withCorrelationId("call-2", async () => {
      await Promise.resolve();
      const afterAwait = currentCorrelationId();
      const inTimer = await new Promise<string | undefined>((resolve) =>
        setTimeout(() => resolve(currentCorrelationId()), 1),
      );
      return [afterAwait, inTimer];
    });

    expect(seen).toEqual(["call-2", "call-2"]);
  });

  it("lets a nested id override the outer one only inside the nested run", () => {
    const seen = withCorrelationId("outer", () => {
      const inner = withCorrelationId("inner", () => currentCorrelationId());
      return [inner, currentCorrelationId()];
    });

    expect(seen).toEqual(["inner", "outer"]);
  });

  it("keeps the outer id when given undefined", () => {
    expect(
      withCorrelationId("outer", () => withCorrelationId(undefined, currentCorrelationId)),
    ).toBe("outer");
  });

  it("starts a new id when given undefined and none is in effect", () => {
    const first = withCorrelationId(undefined, currentCorrelationId);
    const second = withCorrelationId(undefined, currentCorrelationId);

    expect(first).toMatch(uuidV4);
    expect(second).toMatch(uuidV4);
    expect(second).not.toBe(first);
  });

  it("keeps concurrent calls apart", async () => {
    const [a, b] = await Promise.all([
      withCorrelationId("a", async () => {
        await new Promise((resolve) => setImmediate(resolve));
        return currentCorrelationId();
      }),
      withCorrelationId("b", async () => {
        await Promise.resolve();
        return currentCorrelationId();
      }),
    ]);

    expect([a, b]).toEqual(["a", "b"]);
  });

  it.each([
    ["an empty string", ""],
    ["a space", "a b"],
    ["a line break", "id\r\nX-Injected: 1"],
    ["a non-ASCII character", "idé"],
    ["a non-string", 42],
  ])("rejects %s with a TypeError and does not call fn", (_label, id) => {
    let called = false;

    expect(() =>
      withCorrelationId(id as string, () => {
        called = true;
      }),
    ).toThrow(TypeError);
    expect(called).toBe(false);
  });
});

describe("correlation id and credential chain together", () => {
  it("keep each other's value when nested either way", () => {
    const chainInsideId = withCorrelationId("id-1", () =>
      runInCredentialChain(() => [currentCorrelationId(), isInCredentialChain()]),
    );
    const idInsideChain = runInCredentialChain(() =>
      withCorrelationId("id-2", () => [currentCorrelationId(), isInCredentialChain()]),
    );

    expect(chainInsideId).toEqual(["id-1", true]);
    expect(idInsideChain).toEqual(["id-2", true]);
  });
});
