export { startRedisServer, type RedisServerProcess } from './redis-server.process';
export { createTestDatabase, ensureTemplateDatabase } from './test-database';
export { TEST_DATABASE_URL, TEST_REDIS_URL, databaseUrl, uniqueSuffix } from './test-services';
