// Compile-only: real node-redis and ioredis clients are accepted as they are.
import { Redis } from "ioredis";
import { createClient } from "redis";
import type { RedisClientLike } from "../src/index";

const nodeRedis: RedisClientLike = createClient();
const ioredis: RedisClientLike = new Redis({ lazyConnect: true });

export { ioredis, nodeRedis };
