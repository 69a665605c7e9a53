import { InvalidArgumentError } from "@entrakit/core";
import { TestkitError } from "../testkit-error.js";
import type { NetworkResponse } from "./network-module.js";
import type { RecordedRequest } from "./recorded-request.js";
import { urlWithoutQuery } from "./url-pattern.js";

/** A scripted response. */
export interface FakeResponse<T = unknown> {
  /** @defaultValue 200 */
  status?: number;
  /** Response headers. @defaultValue `{ "content-type": "application/json; charset=utf-8" }` */
  headers?: Record<string, string>;
  /** The parsed JSON body, cloned for every request so code under test cannot alter the script. */
  body?: T;
}

/**
 * Computes a response from the request; throwing (or rejecting) makes the network call fail
 * with that error, as a refused connection or a timeout would.
 */
export type ResponderFunction = (request: RecordedRequest) => FakeResponse | Promise<FakeResponse>;

/** What answers a matched request: a response, a function of the request, or a queue of them. */
export type Responder = FakeResponse | ResponderFunction | ResponseQueue;

/**
 * A queue of responders used one per request, in arrival order. Build it with {@link onceThen}
 * (the last step repeats) or {@link inSequence} (requests beyond the last step fail).
 */
export class ResponseQueue {
  readonly #steps: readonly Responder[];
  readonly #repeatLast: boolean;
  #used = 0;

  /**
   * @param steps - the responders, in order; at least one.
   * @param repeatLast - whether the last step answers every request after it.
   * @throws InvalidArgumentError (`invalid_option`) when `steps` is empty.
   */
  constructor(steps: readonly Responder[], repeatLast: boolean) {
    if (steps.length === 0) {
      throw new InvalidArgumentError(
        "ResponseQueue: no steps were given. Pass at least one response.",
        "invalid_option",
      );
    }
    this.#steps = steps;
    this.#repeatLast = repeatLast;
  }

  /** How many steps have been used. */
  get used(): number {
    return this.#used;
  }

  /** How many steps are left before the queue repeats its last step or runs out. */
  get remaining(): number {
    return Math.max(0, this.#steps.length - this.#used);
  }

  /**
   * Takes the next step.
   * @throws TestkitError (`responder_exhausted`) when an {@link inSequence} queue has no steps left.
   */
  take(request: RecordedRequest): Responder {
    const index = this.#used;
    if (index < this.#steps.length) {
      this.#used++;
      return this.#steps[index]!;
    }
    if (this.#repeatLast) return this.#steps[this.#steps.length - 1]!;
    throw new TestkitError(
      `FakeNetworkModule: the response sequence for ${request.method} ${urlWithoutQuery(request.url)} is used up after ${this.#steps.length} responses. Add more steps or use onceThen() so the last one repeats.`,
      "responder_exhausted",
    );
  }
}

/**
 * A queue answering the first request with the first step, the next with the second, and every
 * request after the last step with the last step again.
 *
 * @example
 * ```ts
 * fake.on("POST", "/oauth2/v2.0/token", onceThen(entraError({ status: 503 }), tokenResponse({ scope })));
 * ```
 */
export function onceThen(...steps: Responder[]): ResponseQueue {
  return new ResponseQueue(steps, true);
}

/** A queue answering one request per step; a request after the last step fails. */
export function inSequence(...steps: Responder[]): ResponseQueue {
  return new ResponseQueue(steps, false);
}

function cloneBody(body: unknown): unknown {
  try {
    return structuredClone(body);
  } catch {
    // Bodies holding functions or class instances cannot be cloned; hand them over as they are.
    return body;
  }
}

/** Runs `responder` for `request` and shapes the result as MSAL expects it. */
export async function respond(
  responder: Responder,
  request: RecordedRequest,
): Promise<NetworkResponse<unknown>> {
  let step = responder;
  while (step instanceof ResponseQueue) step = step.take(request);
  const response = typeof step === "function" ? await step(request) : step;
  if (typeof response !== "object" || response === null) {
    throw new TestkitError(
      `FakeNetworkModule: the responder for ${request.method} ${urlWithoutQuery(request.url)} returned ${String(response)}. Return an object like { status: 200, body: {} }.`,
      "invalid_responder",
    );
  }
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  return { status: response.status ?? 200, headers, body: cloneBody(response.body ?? {}) };
}
