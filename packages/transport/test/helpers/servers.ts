// Real servers on 127.0.0.1 for the transport to talk to: an HTTPS server scripted per request,
// a CONNECT proxy that records its use, and a port nobody listens on.
import { once } from "node:events";
import * as http from "node:http";
import * as https from "node:https";
import * as net from "node:net";
import type { TestCertificate } from "./certificates.js";

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export type Handler = (
  request: http.IncomingMessage,
  response: http.ServerResponse,
  body: string,
) => void;

export interface TestServer {
  /** `https://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** TCP connections accepted (including those reset before TLS). */
  connections: number;
  /** Each request takes the next handler; the last one repeats. */
  script(...handlers: Handler[]): void;
  /** Destroys the next `count` TCP connections before the TLS handshake. */
  resetConnections(count: number): void;
  /** Resolves when the next request has been received in full. */
  nextRequest(): Promise<RecordedRequest>;
  /** Resolves when the next client socket closes. */
  nextSocketClose(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestServer(certificate: TestCertificate): Promise<TestServer> {
  let handlers: Handler[] = [json(200, { ok: true })];
  let served = 0;
  let resets = 0;
  const requestWaiters: Array<(request: RecordedRequest) => void> = [];
  const closeWaiters: Array<() => void> = [];
  const server = https.createServer({ cert: certificate.cert, key: certificate.key });
  const state = {
    connections: 0,
    requests: [] as RecordedRequest[],
  };
  server.prependListener("connection", (socket: net.Socket) => {
    state.connections++;
    socket.on("close", () => {
      for (const waiter of closeWaiters.splice(0)) waiter();
    });
    if (resets > 0) {
      resets--;
      socket.destroy();
    }
  });
  server.on("request", (request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const recorded = {
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body,
      };
      state.requests.push(recorded);
      const handler = handlers[Math.min(served, handlers.length - 1)];
      served++;
      handler?.(request, response, body);
      for (const waiter of requestWaiters.splice(0)) waiter(recorded);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    port,
    get requests() {
      return state.requests;
    },
    get connections() {
      return state.connections;
    },
    set connections(value: number) {
      state.connections = value;
    },
    script(...next) {
      handlers = next;
      served = 0;
    },
    resetConnections(count) {
      resets = count;
    },
    nextRequest: () => new Promise((resolve) => requestWaiters.push(resolve)),
    nextSocketClose: () => new Promise((resolve) => closeWaiters.push(resolve)),
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

/** Answers with JSON. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_request, response) => {
    const text = JSON.stringify(body);
    response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    response.end(text);
  };
}

/** Answers with any text and content type. */
export function text(status: number, body: string, contentType = "text/html"): Handler {
  return (_request, response) => {
    response.writeHead(status, { "content-type": contentType });
    response.end(body);
  };
}

/** Reads the whole request, then destroys the connection without answering. */
export function resetAfterRequest(): Handler {
  return (request) => {
    request.socket.destroy();
  };
}

/** Never answers (until the server closes). */
export function hang(): Handler {
  return () => {};
}

/** Sends headers declaring more body than it sends, then closes the connection. */
export function truncated(status: number, partial: string, declaredLength: number): Handler {
  return (request, response) => {
    response.writeHead(status, {
      "content-type": "application/json",
      "content-length": String(declaredLength),
    });
    response.write(partial, () => request.socket.destroy());
  };
}

/** A port on 127.0.0.1 that nothing listens on. */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  probe.listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as net.AddressInfo;
  probe.close();
  await once(probe, "close");
  return port;
}

export interface TestProxy {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every CONNECT target, with the Proxy-Authorization it carried. */
  readonly connects: Array<{ target: string; authorization: string | undefined }>;
  /** Every absolute-form (plain HTTP) request URL it forwarded. */
  readonly forwarded: string[];
  close(): Promise<void>;
}

export interface ProxyBehaviour {
  /** Maps a requested host to the address to dial (e.g. `authority.test` → `127.0.0.1`). */
  readonly hosts?: Record<string, string>;
  /** When set, CONNECT without exactly this Proxy-Authorization gets 407. */
  readonly requireAuthorization?: string;
}

/** A minimal HTTP CONNECT proxy. */
export async function startConnectProxy(behaviour: ProxyBehaviour = {}): Promise<TestProxy> {
  const connects: TestProxy["connects"] = [];
  const forwarded: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((request, response) => {
    const target = request.url ?? "";
    if (!target.startsWith("http://")) {
      response.writeHead(405).end();
      return;
    }
    forwarded.push(target);
    const upstream = http.request(
      target,
      { method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  server.on("connection", (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("connect", (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = request.url ?? "";
    const authorization = request.headers["proxy-authorization"];
    connects.push({ target, authorization });
    if (
      behaviour.requireAuthorization !== undefined &&
      authorization !== behaviour.requireAuthorization
    ) {
      client.end("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const separator = target.lastIndexOf(":");
    const host = target.slice(0, separator);
    const port = Number(target.slice(separator + 1));
    const upstream = net.connect(port, behaviour.hosts?.[host] ?? host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    forwarded,
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, "close");
    },
  };
}

export interface PlainServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A plain HTTP server answering every request with `handler` (like the IMDS endpoint). */
export async function startPlainServer(handler: Handler): Promise<PlainServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body,
      });
      handler(request, response, body);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
