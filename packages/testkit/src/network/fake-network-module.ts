import { authorityBase } from "../entra/authority-base.js";
import { instanceDiscovery } from "../entra/instance-discovery.js";
import { openIdConfiguration } from "../entra/open-id-configuration.js";
import { TestkitError } from "../testkit-error.js";
import type { NetworkModule, NetworkRequestOptions, NetworkResponse } from "./network-module.js";
import { type HttpMethod, type RecordedRequest, recordRequest } from "./recorded-request.js";
import { RequestGate } from "./request-gate.js";
import { type Responder, respond } from "./responder.js";
import { describePattern, matchesUrl, type UrlPattern, urlWithoutQuery } from "./url-pattern.js";

interface Rule {
  readonly method: HttpMethod;
  readonly pattern: UrlPattern;
  readonly responder: Responder;
}

interface RequestWaiter {
  readonly count: number;
  readonly resolve: () => void;
}

/**
 * A scripted stand-in for MSAL's network module: answers requests from rules set with
 * {@link FakeNetworkModule.on}, records every request, and fails loudly on anything unscripted.
 *
 * @example
 * ```ts
 * const fake = new FakeNetworkModule()
 *   .serveAuthorityMetadata("https://login.microsoftonline.com/contoso.onmicrosoft.com")
 *   .on("POST", "/oauth2/v2.0/token", tokenResponse({ scope: "https://vault.azure.net/.default" }));
 * const app = new ConfidentialClientApplication({ auth, system: { networkClient: fake } });
 * await app.acquireTokenByCode(request);
 * expect(fake.countPosts({ grant_type: "authorization_code" })).toBe(1);
 * ```
 */
export class FakeNetworkModule implements NetworkModule {
  readonly #rules: Rule[] = [];
  readonly #requests: RecordedRequest[] = [];
  readonly #gate = new RequestGate();
  readonly #waiters: RequestWaiter[] = [];

  /**
   * Scripts the answer to requests with `method` whose URL matches `urlPattern`. The rule added
   * last wins, so a test can override defaults set up in `beforeEach`.
   *
   * @param method - `GET` or `POST`.
   * @param urlPattern - see {@link UrlPattern}: a string matches the URL without its query
   * exactly or as a suffix; a RegExp is tested against the whole URL.
   * @param responder - a response, a function of the request, or a queue ({@link onceThen}).
   * @returns this module, for chaining.
   */
  on(method: HttpMethod, urlPattern: UrlPattern, responder: Responder): this {
    this.#rules.unshift({ method, pattern: urlPattern, responder });
    return this;
  }

  /**
   * Scripts the two GET requests MSAL makes before its first token request: instance discovery
   * on the authority's host and the OpenID configuration of the authority.
   *
   * @param authorityUrl - e.g. `https://login.microsoftonline.com/<tenant>`.
   * @returns this module, for chaining.
   */
  serveAuthorityMetadata(authorityUrl: string): this {
    const { origin, base } = authorityBase(authorityUrl);
    this.on("GET", `${origin}/common/discovery/instance`, instanceDiscovery(new URL(origin).host));
    this.on("GET", `${base}/v2.0/.well-known/openid-configuration`, openIdConfiguration(base));
    return this;
  }

  /** Every request received so far, in arrival order (unmatched ones included). */
  get requests(): readonly RecordedRequest[] {
    return this.#requests;
  }

  /** The requests whose URL matches `urlPattern` (and `method`, when given). */
  requestsTo(urlPattern: UrlPattern, method?: HttpMethod): RecordedRequest[] {
    return this.#requests.filter(
      (request) =>
        matchesUrl(urlPattern, request.url) && (method === undefined || request.method === method),
    );
  }

  /**
   * Counts POST requests whose form body has every given field with the given value, e.g.
   * `countPosts({ grant_type: "refresh_token" })`; with no fields, all POST requests.
   */
  countPosts(fields: Record<string, string> = {}): number {
    return this.#requests.filter(
      (request) =>
        request.method === "POST" &&
        Object.entries(fields).every(([name, value]) => request.form[name] === value),
    ).length;
  }

  /**
   * Holds every request (already recorded, not yet answered) until the returned release
   * function is called, so concurrent callers can pile up behind one request.
   *
   * @returns a function that releases this hold; calling it again does nothing.
   */
  hold(): () => void {
    return this.#gate.hold();
  }

  /** How many requests are waiting on a {@link FakeNetworkModule.hold}. */
  get heldRequests(): number {
    return this.#gate.waiting;
  }

  /** Resolves once at least `count` requests have been received in total. */
  waitForRequests(count: number): Promise<void> {
    if (this.#requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  /** Forgets the recorded requests; scripted rules stay. */
  clearRequests(): void {
    this.#requests.length = 0;
  }

  /** Forgets the scripted rules and the recorded requests. */
  reset(): void {
    this.#rules.length = 0;
    this.clearRequests();
  }

  /** MSAL's GET: records, waits at the hold, answers from the script. */
  sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    return this.#handle<T>("GET", url, options, timeout);
  }

  /** MSAL's POST: records, waits at the hold, answers from the script. */
  sendPostRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> {
    return this.#handle<T>("POST", url, options, undefined);
  }

  async #handle<T>(
    method: HttpMethod,
    url: string,
    options: NetworkRequestOptions | undefined,
    timeout: number | undefined,
  ): Promise<NetworkResponse<T>> {
    const request = recordRequest(this.#requests.length, method, url, options, timeout);
    this.#requests.push(request);
    this.#notifyWaiters();
    await this.#gate.pass();
    // The rule is chosen after the hold, so a test may script the answer while requests wait.
    const rule = this.#rules.find((r) => r.method === method && matchesUrl(r.pattern, url));
    if (rule === undefined) throw this.#unmatched(request);
    return (await respond(rule.responder, request)) as NetworkResponse<T>;
  }

  #notifyWaiters(): void {
    for (let i = this.#waiters.length - 1; i >= 0; i--) {
      const waiter = this.#waiters[i]!;
      if (this.#requests.length >= waiter.count) {
        this.#waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  #unmatched(request: RecordedRequest): TestkitError {
    const scripted =
      this.#rules.length === 0
        ? "nothing is scripted"
        : `scripted: ${this.#rules.map((r) => `${r.method} ${describePattern(r.pattern)}`).join(", ")}`;
    return new TestkitError(
      `FakeNetworkModule: no response is scripted for ${request.method} ${urlWithoutQuery(request.url)} (${scripted}). Script one with fake.on("${request.method}", urlPattern, response).`,
      "unmatched_request",
    );
  }
}
