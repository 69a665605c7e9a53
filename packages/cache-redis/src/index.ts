export {
  defaultRedisKeyPrefix,
  type RedisCacheKeyOptions,
  redisCacheKey,
} from "./redis-cache-key";
export {
  type IoredisClientLike,
  type NodeRedisClientLike,
  type RedisClientLike,
  type RedisCommandRunner,
  toCommandRunner,
} from "./redis-client";
export { createRedisPersistence, type RedisPersistenceOptions } from "./redis-persistence";
