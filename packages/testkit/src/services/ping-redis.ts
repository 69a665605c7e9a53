import { createConnection } from "node:net";
import { TestkitError } from "../testkit-error.js";

/**
 * Sends `PING` to a Redis-compatible server over raw TCP (RESP, no client library) and resolves
 * with its reply line without the type marker, e.g. `"PONG"`, or `"NOAUTH ..."` for an error.
 *
 * @param port - the server's port.
 * @param host - @defaultValue `"127.0.0.1"`
 * @param timeoutMs - how long to wait for the reply. @defaultValue 2000
 * @throws the socket's error (e.g. `ECONNREFUSED`) when nothing listens.
 * @throws TestkitError (`service_unavailable`) when no full reply line arrives in time.
 */
export function pingRedis(port: number, host = "127.0.0.1", timeoutMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host });
    let reply = "";
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(
        new TestkitError(
          `pingRedis: no reply from ${host}:${port} within ${timeoutMs} ms. Check that a Redis server listens there.`,
          "service_unavailable",
        ),
      );
    });
    socket.once("error", reject);
    socket.once("connect", () => socket.write("*1\r\n$4\r\nPING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString("utf8");
      const end = reply.indexOf("\r\n");
      if (end !== -1) {
        socket.destroy();
        resolve(reply.slice(1, end));
      }
    });
    socket.once("close", () => {
      if (!reply.includes("\r\n")) {
        reject(
          new TestkitError(
            `pingRedis: ${host}:${port} closed the connection without a reply. Check that a Redis server listens there.`,
            "service_unavailable",
          ),
        );
      }
    });
  });
}
