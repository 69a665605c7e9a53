/**
 * The Redis client is injected: node-redis, ioredis, or a function that sends one command. This
 * package never imports a Redis client, so it adds none to an application.
 */

/** A node-redis (v4+) client or anything with its `sendCommand(args)`. */
export interface NodeRedisClientLike {
  sendCommand(args: string[], options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/** An ioredis client or anything with its `call(command, ...args)`. */
export interface IoredisClientLike {
  call(command: string, ...args: string[]): Promise<unknown>;
}

/**
 * Sends one command (`["HGET", key, field]`) and resolves with the reply. Use it for clients not
 * recognised here, e.g. a cluster client: `(args) => cluster.sendCommand(key, false, args)`.
 */
export type RedisCommandRunner = (
  args: string[],
  options: { signal: AbortSignal },
) => Promise<unknown>;

/** Any client {@link createRedisPersistence} accepts. */
export type RedisClientLike = NodeRedisClientLike | IoredisClientLike | RedisCommandRunner;

/**
 * Wraps an injected client as a {@link RedisCommandRunner}.
 *
 * @throws TypeError naming `client` when it is none of the accepted shapes.
 */
export function toCommandRunner(client: RedisClientLike): RedisCommandRunner {
  if (typeof client === "function") return client;
  // ioredis also has a sendCommand, with another signature, so `call` is checked first.
  if (
    client !== null &&
    typeof client === "object" &&
    typeof (client as IoredisClientLike).call === "function"
  ) {
    const ioredis = client as IoredisClientLike;
    return ([command = "", ...args]) => ioredis.call(command, ...args);
  }
  if (
    client !== null &&
    typeof client === "object" &&
    typeof (client as NodeRedisClientLike).sendCommand === "function"
  ) {
    const nodeRedis = client as NodeRedisClientLike;
    return (args, { signal }) => nodeRedis.sendCommand(args, { abortSignal: signal });
  }
  throw new TypeError(
    "RedisPersistence: client must be a node-redis client, an ioredis client, or a function (args) => Promise<reply>. Pass a connected client.",
  );
}

/** A reply as text (clients configured to return buffers return Buffers). */
export function replyText(reply: unknown): string | undefined {
  if (reply === null || reply === undefined) return undefined;
  if (typeof reply === "string") return reply;
  if (reply instanceof Uint8Array) return Buffer.from(reply).toString("utf8");
  return String(reply);
}
