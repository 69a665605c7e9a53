// The one-time HTTP server on 127.0.0.1 that the browser is redirected to after sign-in. It only
// hands over requests that look like an authorization response; what they mean (state, code,
// error) is decided by the login command, which also chooses the page the browser shows.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { formatLogLine } from "@entrakit/core";
import { logger } from "./logger";

/** An authorization response the browser brought back, waiting for its page. */
export interface RedirectRequest {
  /** The full URL, e.g. `http://localhost:53124/?code=…&state=…`. Holds the code: never log it. */
  readonly url: URL;
  /**
   * Answers the browser with a short page. Only the first call counts.
   *
   * @param status - the HTTP status.
   * @param title - the page's heading (plain text, escaped here).
   * @param message - the page's text (plain text, escaped here).
   */
  reply(status: number, title: string, message: string): void;
}

interface Waiter {
  resolve(request: RedirectRequest): void;
  reject(reason: unknown): void;
}

const component = "LoopbackRedirectServer";

/** A loopback server that receives authorization responses, one at a time. */
export class LoopbackRedirectServer {
  readonly #server: Server;
  readonly #queue: RedirectRequest[] = [];
  readonly #waiters: Waiter[] = [];
  readonly #unanswered = new Set<ServerResponse>();
  #closing: Promise<void> | undefined;
  #port = 0;

  private constructor(server: Server) {
    this.#server = server;
  }

  /**
   * Listens on 127.0.0.1 on a free port.
   *
   * @throws the listen error (e.g. `EADDRNOTAVAIL` when loopback is unusable).
   */
  static async start(): Promise<LoopbackRedirectServer> {
    const server = createServer();
    const instance = new LoopbackRedirectServer(server);
    server.on("request", (request, response) => instance.#onRequest(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        server.off("error", reject);
        instance.#port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
    logger.verbose(formatLogLine(component, "start", "listening", { port: instance.port }));
    return instance;
  }

  /** The port the server listens on. */
  get port(): number {
    return this.#port;
  }

  /**
   * The redirect URI to register the sign-in with: `http://localhost:<port>`, which Entra
   * matches against a registered `http://localhost` whatever the port.
   */
  get redirectUri(): string {
    return `http://localhost:${this.port}`;
  }

  /**
   * The next authorization response (a request to `/` carrying `code`, `error` or `state`).
   *
   * @throws the signal's reason when `signal` aborts first.
   */
  next(signal?: AbortSignal): Promise<RedirectRequest> {
    const queued = this.#queue.shift();
    if (queued) return Promise.resolve(queued);
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<RedirectRequest>((resolve, reject) => {
      const onAbort = () => {
        const index = this.#waiters.indexOf(waiter);
        if (index !== -1) this.#waiters.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        resolve: (request) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(request);
        },
        reject,
      };
      this.#waiters.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Answers whatever is still waiting and stops listening. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve) => {
      for (const response of this.#unanswered) {
        writePage(
          response,
          503,
          "Sign-in ended",
          "entrakit is no longer waiting for this sign-in. Return to your terminal.",
        );
      }
      this.#unanswered.clear();
      this.#server.close(() => resolve());
      // Browsers keep idle connections open; they must not hold the process.
      this.#server.closeAllConnections();
    });
    return this.#closing;
  }

  #onRequest(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? "/", `http://localhost:${this.port}`);
    const query = url.searchParams;
    const isResponse =
      request.method === "GET" &&
      url.pathname === "/" &&
      (query.has("code") || query.has("error") || query.has("state"));
    if (!isResponse || this.#closing) {
      // favicon.ico, probes, and anything after the sign-in ended.
      writePage(response, 404, "Not found", "This address only receives a sign-in response.");
      return;
    }
    logger.verbose(
      formatLogLine(component, "request", "authorization response received", {
        code: query.has("code"),
        error: query.get("error") ?? undefined,
      }),
    );
    this.#unanswered.add(response);
    const redirect: RedirectRequest = {
      url,
      reply: (status, title, message) => {
        if (!this.#unanswered.delete(response)) return;
        writePage(response, status, title, message);
      },
    };
    const waiter = this.#waiters.shift();
    if (waiter) waiter.resolve(redirect);
    else this.#queue.push(redirect);
  }
}

function writePage(response: ServerResponse, status: number, title: string, message: string): void {
  if (response.headersSent) return;
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>entrakit: ${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
  response.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    // The page is the end of a sign-in: nothing on it may be framed or load anything.
    "content-security-policy": "default-src 'none'",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    connection: "close",
  });
  response.end(body);
}

/** Escapes text for HTML element content. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
