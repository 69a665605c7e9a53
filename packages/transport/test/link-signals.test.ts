import { describe, expect, it } from "vitest";
import { abortReason, linkSignals } from "../src/link-signals.js";

describe("linkSignals", () => {
  it("returns no signal for no sources, and a lone AbortSignal as it is", () => {
    expect(linkSignals([undefined]).signal).toBeUndefined();
    const controller = new AbortController();
    expect(linkSignals([controller.signal, undefined]).signal).toBe(controller.signal);
  });

  it("aborts when any source aborts, with that source's reason", () => {
    const first = new AbortController();
    const second = new AbortController();
    const linked = linkSignals([first.signal, second.signal]);
    second.abort("second reason");
    expect(linked.signal?.aborted).toBe(true);
    expect(linked.signal?.reason).toBe("second reason");
  });

  it("starts aborted when a source already is", () => {
    const linked = linkSignals([new AbortController().signal, AbortSignal.abort("early")]);
    expect(linked.signal?.reason).toBe("early");
  });

  it("unhooks its listeners on dispose", () => {
    const first = new AbortController();
    const second = new AbortController();
    const linked = linkSignals([first.signal, second.signal]);
    linked.dispose();
    first.abort();
    expect(linked.signal?.aborted).toBe(false);
  });

  it("accepts signal-like objects", () => {
    const listeners: Array<() => void> = [];
    const like = {
      aborted: false,
      addEventListener: (_type: "abort", listener: () => void) => listeners.push(listener),
      removeEventListener: () => {},
    };
    const linked = linkSignals([like]);
    expect(linked.signal).toBeInstanceOf(AbortSignal);
    for (const listener of listeners) listener();
    expect(linked.signal?.aborted).toBe(true);
    expect((linked.signal!.reason as DOMException).name).toBe("AbortError");
  });
});

describe("abortReason", () => {
  it("gives the signal's reason, or an AbortError", () => {
    expect(abortReason(AbortSignal.abort("why"))).toBe("why");
    expect(
      (abortReason({ aborted: true, addEventListener() {}, removeEventListener() {} }) as Error)
        .name,
    ).toBe("AbortError");
  });
});
