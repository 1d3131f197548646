import type { AppConfig } from '@bastion/config';
import type { Logger } from 'winston';

/** Everything resolved at boot that the api's modules are built from. */
export interface ApiRuntime {
  config: AppConfig;
  /** The Postgres URL in use: DATABASE_URL, or the embedded database's. */
  databaseUrl: string;
  /** The master key in use: BASTION_MASTER_KEY, or the generated first-look key. */
  masterKey: Buffer;
  logger: Logger;
}

/** Injection tokens for values that are not classes. */
export const API_RUNTIME = Symbol('ApiRuntime');
export const LOGGER = Symbol('Logger');
export const REDIS = Symbol('Redis');
/** The process's job queues (JobQueues from @bastion/bus): BullMQ, or in-process without REDIS_URL. */
export const JOB_QUEUES = Symbol('JobQueues');
export const METRICS = Symbol('MetricsRegistry');
export const CONFIG_VERSION_GAUGE = Symbol('ConfigVersionGauge');
