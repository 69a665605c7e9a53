import { isInvalidArgumentError } from "@entrakit/core";
import { describe, expect, test } from "vitest";
import { inSequence, onceThen, ResponseQueue } from "../../src/index.js";
import { recordRequest } from "../../src/network/recorded-request.js";
import { respond } from "../../src/network/responder.js";

const request = recordRequest(0, "POST", "https://h/token?code=abc", undefined, undefined);

describe("responders", () => {
  test("an empty queue is a programmer's mistake", () => {
    let thrown: unknown;
    try {
      onceThen();
    } catch (error) {
      thrown = error;
    }
    expect(isInvalidArgumentError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: "invalid_option" });
  });

  test("a queue counts used and remaining steps", () => {
    const queue = inSequence({ status: 500 }, { status: 200 });
    expect(queue).toBeInstanceOf(ResponseQueue);
    expect([queue.used, queue.remaining]).toEqual([0, 2]);
    queue.take(request);
    expect([queue.used, queue.remaining]).toEqual([1, 1]);
  });

  test("queues nest, and functions inside them see the request", async () => {
    const queue = onceThen(
      inSequence((r) => ({ body: { url: r.url } })),
      { status: 204 },
    );
    await expect(respond(queue, request)).resolves.toMatchObject({
      body: { url: "https://h/token?code=abc" },
    });
    await expect(respond(queue, request)).resolves.toMatchObject({ status: 204 });
  });

  test("the used-up error names the URL without its query", () => {
    const queue = inSequence({});
    queue.take(request);
    let thrown: unknown;
    try {
      queue.take(request);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: "responder_exhausted" });
    expect((thrown as Error).message).toContain("POST https://h/token ");
    expect((thrown as Error).message).not.toContain("code=abc");
  });

  test("defaults: status 200, a JSON content type, an empty body", async () => {
    await expect(respond({}, request)).resolves.toEqual({
      status: 200,
      headers: { "content-type": "application/json; charset=utf-8" },
      body: {},
    });
  });
});
