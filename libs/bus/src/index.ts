export { busKeys, type BusKeys } from './bus-keys';
export { createRedis, isRedisReady, whenRedisReady, type RedisConnectionOptions } from './redis.factory';
export { SnapshotStore } from './snapshot.store';
