export { startRedisServer, type RedisServerProcess } from './redis-server.process';
export { createTestDatabase, ensureTemplateDatabase } from './test-database';
export { TEST_DATABASE_URL, TEST_REDIS_URL, databaseUrl, uniqueSuffix } from './test-services';
export {
  fixtureServerCommand,
  fixtureServerPath,
  type FixtureServerName,
} from './fixtures/fixture-server.command';
export {
  startHeadersFixture,
  type HeadersFixture,
  type HeadersFixtureOptions,
  type RecordedRequest,
} from './fixtures/headers.mcp-fixture';
export { fixtureServerEntry, testServerEntry } from './fixtures/server-entry.fixture';
export {
  startOtlpReceiver,
  type OtlpReceiver,
  type OtlpReceiverOptions,
  type ReceivedLogRecord,
  type ReceivedSpan,
} from './fixtures/otlp.receiver';
export { conformanceServerEntry } from './fixtures/conformance-entry.fixture';
export {
  conformanceCommand,
  failedChecks,
  runConformanceSuite,
  type ConformanceCheck,
  type ConformanceRun,
  type ConformanceRunOptions,
} from './fixtures/conformance-suite.runner';
export { startHeaderShim, type HeaderShim } from './fixtures/header-forwarding.shim';
