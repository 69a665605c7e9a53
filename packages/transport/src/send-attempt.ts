// Sends one HTTP request (one attempt) over node:http or node:https, directly or through a
// proxy, and settles with what happened; it never rejects. Retrying is the caller's business.
import * as http from "node:http";
import * as https from "node:https";
import type * as tls from "node:tls";
import { redact } from "@entrakit/core";
import type { AttemptErrorKind } from "./attempt-record.js";
import { type Destroyable, openTunnel, TunnelError } from "./connect-tunnel.js";
import type { RawResponse } from "./parse-response-body.js";
import type { ProxyEndpoint } from "./proxy-settings.js";

/** Everything one attempt needs. */
export interface AttemptInput {
  readonly method: "GET" | "POST";
  readonly target: URL;
  /** Final headers, names in any case. */
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly secureContext: tls.SecureContext | undefined;
  readonly proxy: ProxyEndpoint | undefined;
  readonly maxResponseBytes: number;
}

/** A failed attempt, described without the raw error object. */
export interface AttemptFailure {
  readonly kind: "failure";
  readonly errorKind: AttemptErrorKind;
  readonly errorCode?: string;
  /** What went wrong, already redacted. */
  readonly message: string;
  readonly mayHaveReachedServer: boolean;
}

/** What one attempt produced: a response (complete or not) or a failure. */
export type AttemptResult =
  | { readonly kind: "response"; readonly raw: RawResponse }
  | AttemptFailure;

/** Sends one attempt. */
export function sendAttempt(input: AttemptInput): Promise<AttemptResult> {
  return new Promise<AttemptResult>((resolve) => {
    const live = new Set<Destroyable>();
    let settled = false;
    // True once the connection (with its TLS handshake) is up: from then on the request bytes
    // may have been delivered, so the server may have acted on them.
    let connected = false;
    let responded = false;

    const finish = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      input.signal?.removeEventListener("abort", onAbort);
      for (const item of live) item.destroy();
      resolve(result);
    };
    const track = (item: Destroyable) => {
      if (settled) item.destroy();
      else live.add(item);
    };
    const onAbort = () =>
      finish(failure("aborted", "the request was aborted", connected, "ABORT_ERR"));
    const timer = setTimeout(
      () =>
        finish(
          failure("timeout", `no response within ${input.timeoutMs} ms`, connected, "ETIMEDOUT"),
        ),
      input.timeoutMs,
    );
    if (input.signal?.aborted) {
      onAbort();
      return;
    }
    input.signal?.addEventListener("abort", onAbort, { once: true });

    const send = (tunnel: tls.TLSSocket | undefined) => {
      let request: http.ClientRequest;
      try {
        request = createRequest(input, tunnel);
      } catch (error) {
        // Node validates header names and values synchronously (ERR_INVALID_CHAR); its message
        // names the header, never the value.
        finish(failure("invalid_request", redact(String((error as Error).message)), false));
        return;
      }
      track(request);
      request.on("socket", (socket) => {
        if (tunnel !== undefined) return;
        const direct = input.proxy === undefined && input.target.protocol === "https:";
        const ready = direct ? "secureConnect" : "connect";
        socket.once(ready, () => {
          connected = true;
        });
      });
      request.on("response", (response) => {
        responded = true;
        track(response);
        readResponse(response, input.maxResponseBytes, finish);
      });
      request.on("error", (error) => {
        // After the status line, an error means the body was cut off; the response handler's
        // close event reports that with what arrived.
        if (!responded) finish(classify(error, connected));
      });
      request.end(input.body);
    };

    const hostname = input.target.hostname.replace(/^\[(.*)\]$/, "$1");
    if (input.proxy !== undefined && input.target.protocol === "https:") {
      openTunnel(
        input.proxy,
        { hostname, port: portOf(input.target), secureContext: input.secureContext },
        track,
      ).then(
        (socket) => {
          if (settled) return;
          connected = true;
          send(socket);
        },
        (error: unknown) => finish(classify(error, false)),
      );
    } else {
      send(undefined);
    }
  });
}

function createRequest(input: AttemptInput, tunnel: tls.TLSSocket | undefined): http.ClientRequest {
  const { target, proxy } = input;
  const headers: Record<string, string> = { ...input.headers, host: target.host };
  const hostname = target.hostname.replace(/^\[(.*)\]$/, "$1");
  const base = { method: input.method, headers };
  if (tunnel !== undefined) {
    return https.request({
      ...base,
      host: hostname,
      port: portOf(target),
      path: `${target.pathname}${target.search}`,
      createConnection: () => tunnel,
    });
  }
  if (proxy !== undefined) {
    // Plain HTTP through a proxy: the request goes to the proxy in absolute form.
    if (proxy.authorization !== undefined) headers["proxy-authorization"] = proxy.authorization;
    return requestFunction(proxy.protocol)({
      ...base,
      host: proxy.hostname,
      port: proxy.port,
      path: target.href.replace(/#.*$/, ""),
      agent: false,
      secureContext: input.secureContext,
    });
  }
  return requestFunction(target.protocol)({
    ...base,
    host: hostname,
    port: portOf(target),
    path: `${target.pathname}${target.search}`,
    agent: false,
    secureContext: input.secureContext,
  });
}

/** https.request passes every tls.connect option through, though its types list only some. */
type TlsRequestOptions = https.RequestOptions & { secureContext?: tls.SecureContext | undefined };

function requestFunction(protocol: string): (options: TlsRequestOptions) => http.ClientRequest {
  return protocol === "https:"
    ? (options) => https.request(options)
    : (options) => http.request(options);
}

function readResponse(
  response: http.IncomingMessage,
  maxBytes: number,
  finish: (result: AttemptResult) => void,
): void {
  const status = response.statusCode ?? 0;
  const headers = headerRecord(response.headers);
  const chunks: Buffer[] = [];
  let size = 0;
  const raw = (complete: boolean, oversized = false): AttemptResult => ({
    kind: "response",
    raw: { status, headers, text: Buffer.concat(chunks).toString("utf8"), complete, oversized },
  });
  response.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) {
      finish(raw(true, true));
      return;
    }
    chunks.push(chunk);
  });
  response.on("end", () => finish(raw(true)));
  response.on("close", () => finish(raw(response.complete)));
  response.on("error", () => {
    // The close event that follows reports the incomplete body.
  });
}

function headerRecord(headers: http.IncomingHttpHeaders): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    record[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return record;
}

function portOf(target: URL): number {
  if (target.port !== "") return Number(target.port);
  return target.protocol === "http:" ? 80 : 443;
}

function failure(
  errorKind: AttemptErrorKind,
  message: string,
  mayHaveReachedServer: boolean,
  errorCode?: string,
): AttemptFailure {
  return {
    kind: "failure",
    errorKind,
    message,
    mayHaveReachedServer,
    ...(errorCode === undefined ? {} : { errorCode }),
  };
}

const certificateCodes =
  /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH|ERR_TLS_CERT)/;

/** Names the failure from a socket, TLS or tunnel error; keeps only its code and message. */
function classify(error: unknown, connected: boolean): AttemptFailure {
  const rawCode = (error as { code?: unknown } | undefined)?.code;
  const code = typeof rawCode === "string" ? rawCode : undefined;
  const message = redact(error instanceof Error ? error.message : String(error)).slice(0, 300);
  if (error instanceof TunnelError) {
    const status = error.proxyStatus;
    return failure("proxy", message, false, status === undefined ? code : `PROXY_STATUS_${status}`);
  }
  if (code === "ECONNREFUSED") return failure("connection_refused", message, false, code);
  if (code === "ENOTFOUND" || code?.startsWith("EAI_")) return failure("dns", message, false, code);
  if (code !== undefined && certificateCodes.test(code)) {
    return failure("tls_certificate", message, false, code);
  }
  if (code === "ETIMEDOUT") return failure("timeout", message, connected, code);
  if (code === "ECONNRESET" || code === "EPIPE" || code === "ECONNABORTED") {
    return failure("connection_reset", message, connected, code);
  }
  if (code === "EPROTO" || code?.startsWith("ERR_SSL_")) {
    return failure("tls_handshake", message, connected, code);
  }
  return failure("network", message, connected, code);
}
