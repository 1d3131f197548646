export { busKeys, type BusKeys } from './bus-keys';
export { CLOSE_TIMEOUT_MS, closeWithin, closeWorker } from './close-within';
export { createRedis, isRedisReady, whenRedisReady, type RedisConnectionOptions } from './redis.factory';
export { SnapshotStore } from './snapshot.store';
export { DEFAULT_JOB_OPTIONS } from './jobs/bullmq.backend';
export { JobQueues } from './jobs/job-queues';
export type {
  JobConsumer,
  JobHandler,
  JobLog,
  JobProducer,
  JobProducerOptions,
  JobQueuesOptions,
} from './jobs/job-queue.types';
export type { AuditBatchSink } from './audit/audit-batch.sink';
export { AuditPublisher, type AuditPublisherOptions } from './audit/audit.publisher';
export { AUDIT_JOB_OPTIONS, auditKeys, type AuditKeys } from './audit/audit-queue';
export { createAuditSink, isRedisStandIn } from './audit/audit-sink.factory';
export { BullMqAuditSink, type BullMqAuditSinkOptions } from './audit/bullmq-audit.sink';
export {
  InProcessAuditChannel,
  InProcessAuditSink,
  type AuditBatchHandler,
} from './audit/in-process-audit.channel';
