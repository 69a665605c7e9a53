// Lua runs atomically in Redis, so compare-and-swap needs no WATCH and works on any connection
// (pooled, multiplexed, or a cluster node), with node-redis and ioredis alike.

/** KEYS[1] key; ARGV expected version ('' = none), data, new version, ttl seconds (0 = none). */
export const saveScript = `
local current = redis.call('HGET', KEYS[1], 'version')
if not current then current = '' end
if current ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'data', ARGV[2], 'version', ARGV[3])
local ttl = tonumber(ARGV[4])
if ttl > 0 then redis.call('EXPIRE', KEYS[1], ttl) else redis.call('PERSIST', KEYS[1]) end
return 1
`;

/** KEYS[1] key; ARGV version that was unreadable ('' = none), field to move the data to. */
export const setAsideScript = `
local current = redis.call('HGET', KEYS[1], 'version')
if not current then current = '' end
if current ~= ARGV[1] then return 0 end
local data = redis.call('HGET', KEYS[1], 'data')
if not data then return 0 end
redis.call('HSET', KEYS[1], ARGV[2], data)
redis.call('HDEL', KEYS[1], 'data', 'version')
return 1
`;
