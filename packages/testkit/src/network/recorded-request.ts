import type { NetworkRequestOptions } from "./network-module.js";

/** The HTTP methods MSAL's network module sends. */
export type HttpMethod = "GET" | "POST";

/** One request a {@link FakeNetworkModule} received, as tests inspect it. */
export interface RecordedRequest {
  /** 0 for the first request the fake received, then 1, 2, ... */
  readonly index: number;
  /** `GET` or `POST`. */
  readonly method: HttpMethod;
  /** The full URL, query included. */
  readonly url: string;
  /** Request headers with lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw body, `undefined` for GET. */
  readonly body: string | undefined;
  /** The form body's fields (the last value wins when a name repeats); `{}` for JSON or none. */
  readonly form: Readonly<Record<string, string>>;
  /** The form body as `URLSearchParams`, repeated names kept. */
  readonly formParams: URLSearchParams;
  /** The URL's query parameters (the last value wins when a name repeats). */
  readonly query: Readonly<Record<string, string>>;
  /** The `timeout` MSAL passed to `sendGetRequestAsync`, if any. */
  readonly timeout: number | undefined;
  /** The correlation id MSAL passed in the options, if any. */
  readonly correlationId: string | undefined;
}

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

/** Builds the record of one request. */
export function recordRequest(
  index: number,
  method: HttpMethod,
  url: string,
  options: NetworkRequestOptions | undefined,
  timeout: number | undefined,
): RecordedRequest {
  const headers = lowerCaseKeys(options?.headers);
  const body = options?.body;
  const isJson = (headers["content-type"] ?? "").includes("json");
  const formParams = new URLSearchParams(body !== undefined && !isJson ? body : "");
  const queryStart = url.indexOf("?");
  const queryText = queryStart === -1 ? "" : url.slice(queryStart + 1).split("#", 1)[0];
  return {
    index,
    method,
    url,
    headers,
    body,
    form: Object.fromEntries(formParams),
    formParams,
    query: Object.fromEntries(new URLSearchParams(queryText)),
    timeout,
    correlationId: options?.correlationId,
  };
}
