// Opens a TLS connection to an HTTPS target through an HTTP CONNECT proxy, using node:http and
// node:tls only. The caller owns timeouts and aborts: everything created is handed to `track`.
import * as http from "node:http";
import * as https from "node:https";
import { isIP } from "node:net";
import * as tls from "node:tls";
import type { ProxyEndpoint } from "./proxy-settings.js";

/** Something the attempt destroys on timeout or abort. */
export interface Destroyable {
  destroy(): unknown;
}

/** The proxy could not be reached or refused the tunnel. */
export class TunnelError extends Error {
  /** The status the proxy answered CONNECT with, when it answered. */
  readonly proxyStatus: number | undefined;
  /** The system error code when the proxy could not be reached. */
  readonly code: string | undefined;

  constructor(message: string, proxyStatus?: number, code?: string) {
    super(message);
    this.name = "TunnelError";
    this.proxyStatus = proxyStatus;
    this.code = code;
  }
}

/** Where the tunnel leads and how to trust the far end. */
export interface TunnelTarget {
  readonly hostname: string;
  readonly port: number;
  readonly secureContext: tls.SecureContext | undefined;
}

/**
 * Resolves with a TLS socket to the target whose handshake (with certificate and host name
 * checks) has completed.
 *
 * @throws TunnelError when the proxy is unreachable or answers CONNECT with a status other
 * than 200; the TLS error itself when the handshake with the target fails.
 */
export function openTunnel(
  proxy: ProxyEndpoint,
  target: TunnelTarget,
  track: (item: Destroyable) => void,
): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const authority = `${isIP(target.hostname) === 6 ? `[${target.hostname}]` : target.hostname}:${target.port}`;
    const headers: Record<string, string> = { host: authority };
    if (proxy.authorization !== undefined) headers["proxy-authorization"] = proxy.authorization;
    const options: https.RequestOptions = {
      host: proxy.hostname,
      port: proxy.port,
      method: "CONNECT",
      path: authority,
      headers,
      agent: false,
    };
    const request =
      proxy.protocol === "https:"
        ? https.request({ ...options, secureContext: target.secureContext } as https.RequestOptions)
        : http.request(options);
    track(request);
    request.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        new TunnelError(`the proxy could not be reached: ${error.message}`, undefined, error.code),
      );
    });
    request.on("connect", (response, socket, head) => {
      track(socket);
      socket.on("error", () => {
        // Reported through the TLS socket below, or ignored once the attempt has settled.
      });
      if (response.statusCode !== 200) {
        socket.destroy();
        reject(
          new TunnelError(
            `the proxy answered CONNECT with status ${response.statusCode}`,
            response.statusCode,
          ),
        );
        return;
      }
      if (head.length > 0) socket.unshift(head);
      const secure = tls.connect({
        socket,
        host: target.hostname,
        // SNI takes host names only; Node warns when given an IP address.
        ...(isIP(target.hostname) === 0 ? { servername: target.hostname } : {}),
        secureContext: target.secureContext,
      });
      track(secure);
      secure.on("error", reject);
      secure.once("secureConnect", () => resolve(secure));
    });
    request.end();
  });
}
