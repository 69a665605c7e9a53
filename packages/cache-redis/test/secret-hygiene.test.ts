import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { createCachePlugin } from "@entrakit/cache-persistence";
import { createSecretScanner, ManualClock } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import { createRedisPersistence, type RedisCommandRunner } from "../src/index";

const scanner = createSecretScanner();
const token = scanner.plant("refresh-token");
const partition = `oid-${randomBytes(8).toString("hex")}.tid`;
const cacheWithToken = JSON.stringify({
  RefreshToken: { r: { credential_type: "RefreshToken", secret: token } },
});

/** A client whose errors carry the command's arguments, as ioredis's ReplyError does. */
function failingClient(message: string): RedisCommandRunner {
  return async (args) => {
    throw Object.assign(new Error(message), { command: { name: args[0], args: args.slice(1) } });
  };
}

describe("secret hygiene", () => {
  it("keeps tokens and the partition out of logs and errors", async () => {
    using logs = scanner.captureLogs();
    const errors: unknown[] = [];
    const capture = async (work: Promise<unknown>) => {
      errors.push(
        await work.then(
          () => new Error("expected a failure"),
          (error: unknown) => error,
        ),
      );
    };

    // Outages while saving and loading; the client error carries the full EVAL arguments.
    const down = createRedisPersistence({
      client: failingClient("Connection is closed."),
      partition,
    });
    await capture(down.save(cacheWithToken, undefined));
    await capture(down.load());
    await capture(
      createRedisPersistence({ client: failingClient(`ERR bad ${token}`), partition }).save(
        cacheWithToken,
        "v",
      ),
    );

    // An unparseable stored cache holding the token is moved aside.
    const replies: Record<string, unknown> = {
      HMGET: [`${cacheWithToken.slice(0, -3)}`, "v1"],
      EVAL: 1,
    };
    const corrupt = createRedisPersistence({
      client: async (args) => replies[args[0] ?? ""] ?? null,
      partition,
      clock: new ManualClock({ autoAdvance: true }),
    });
    expect(await corrupt.load()).toBeUndefined();

    // A save that keeps losing, through the plugin, at verbose.
    const losing = createRedisPersistence({
      client: async (args) => (args[0] === "EVAL" ? 0 : null),
      partition,
    });
    let cache = cacheWithToken;
    const tokenCache = {
      serialize: () => cache,
      deserialize: (text: string) => {
        cache = text;
      },
    };
    await capture(
      createCachePlugin(losing, {
        clock: new ManualClock({ autoAdvance: true }),
        maxSaveAttempts: 2,
      }).afterCacheAccess({ cacheHasChanged: true, tokenCache }),
    );

    expect(errors).toHaveLength(4);
    expect(logs.lines.some((line) => line.includes("moved it aside"))).toBe(true);
    // The token in any form (whole, cut down or base64) in any log line or any part of an error.
    scanner.assertClean(logs, ...errors);
    // The partition is not a planted secret (it has a fixed shape) but must not leak either.
    const haystack = [
      ...logs.lines,
      ...errors.map((error) => inspect(error, { depth: null })),
    ].join("\n");
    expect(haystack).not.toContain(token);
    expect(haystack).not.toContain(partition);
  });
});
