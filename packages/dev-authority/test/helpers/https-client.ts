// node:https request helpers that keep TLS verification on and trust only the authority's CA
// (Node 20's global fetch cannot take a per-request CA without undici's Agent).
import type { IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";

export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  json<T = Record<string, unknown>>(): T;
}

export interface RequestOptions {
  readonly ca: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly timeoutMs?: number;
}

export function request(url: string, options: RequestOptions): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        method: options.method ?? "GET",
        headers: options.headers,
        ca: options.ca,
        // A fresh connection per request, so a reset or delay fault never leaks into the next test.
        agent: false,
        timeout: options.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: <T>() => JSON.parse(body) as T,
          });
        });
      },
    );
    req.on("timeout", () =>
      req.destroy(Object.assign(new Error("client timeout"), { code: "ETIMEDOUT" })),
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

export function postForm(
  url: string,
  params: Record<string, string | undefined>,
  options: Omit<RequestOptions, "body" | "method">,
): Promise<HttpResponse> {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) form.set(name, value);
  return request(url, {
    ...options,
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...options.headers },
    body: form.toString(),
  });
}

export function sendJson(
  url: string,
  method: string,
  body: unknown,
  options: Omit<RequestOptions, "body" | "method">,
): Promise<HttpResponse> {
  return request(url, {
    ...options,
    method,
    headers: { "content-type": "application/json", ...options.headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
