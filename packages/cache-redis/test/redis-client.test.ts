import { describe, expect, it } from "vitest";
import { toCommandRunner } from "../src/index";

const signal = new AbortController().signal;

describe("toCommandRunner", () => {
  it("sends through ioredis's call(command, ...args)", async () => {
    const calls: unknown[][] = [];
    const runner = toCommandRunner({
      call: async (...args: string[]) => {
        calls.push(args);
        return "OK";
      },
      sendCommand: () => {
        throw new Error("ioredis's sendCommand takes a Command object");
      },
    } as never);
    expect(await runner(["HGET", "k", "f"], { signal })).toBe("OK");
    expect(calls).toEqual([["HGET", "k", "f"]]);
  });

  it("sends through node-redis's sendCommand(args, { abortSignal })", async () => {
    const calls: unknown[] = [];
    const runner = toCommandRunner({
      sendCommand: async (args: string[], options?: { abortSignal?: AbortSignal }) => {
        calls.push([args, options?.abortSignal]);
        return 1;
      },
    });
    expect(await runner(["DEL", "k"], { signal })).toBe(1);
    expect(calls).toEqual([[["DEL", "k"], signal]]);
  });

  it("uses a function as is and refuses anything else", () => {
    const fn = async () => null;
    expect(toCommandRunner(fn)).toBe(fn);
    expect(() => toCommandRunner({} as never)).toThrow(TypeError);
    expect(() => toCommandRunner(null as never)).toThrow(/client must be/);
  });
});
