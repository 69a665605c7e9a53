import { describe, expect, it } from "vitest";
import { createMemoryPersistence } from "../../src/index";

describe("createMemoryPersistence", () => {
  it("stores one cache with compare-and-swap versions", async () => {
    const persistence = createMemoryPersistence();
    expect(await persistence.load()).toBeUndefined();
    const first = await persistence.save("{}", undefined);
    expect(await persistence.version?.()).toBe(first.version);
    expect(await persistence.save('{"A":{}}', undefined)).toEqual({ conflict: true });
    const second = await persistence.save('{"A":{}}', first.version);
    expect(await persistence.load()).toEqual({ data: '{"A":{}}', version: second.version });
    await persistence.delete();
    expect(await persistence.load()).toBeUndefined();
  });

  it("shares nothing between instances", async () => {
    const a = createMemoryPersistence({ initialData: "{}" });
    const b = createMemoryPersistence({ initialData: "{}" });
    expect((await a.load())?.version).not.toBe((await b.load())?.version);
  });

  it("refuses initialData that is not a cache", () => {
    expect(() => createMemoryPersistence({ initialData: "[]" })).toThrow(/initialData/);
  });
});
