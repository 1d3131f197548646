import { busKeys, createRedis, JobQueues, SnapshotStore } from '@bastion/bus';
import { SecretBox } from '@bastion/crypto';
import { createConfigVersionGauge, createMetricsRegistry } from '@bastion/observability';
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import {
  API_RUNTIME,
  CONFIG_VERSION_GAUGE,
  JOB_QUEUES,
  LOGGER,
  METRICS,
  REDIS,
  type ApiRuntime,
} from './api-runtime';

/** Process-wide infrastructure of the api: logger, secrets box, Redis, job queues, metrics. */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(JOB_QUEUES) private readonly queues: JobQueues,
  ) {}

  static forRoot(runtime: ApiRuntime): DynamicModule {
    const keys = busKeys(runtime.config.redis.prefix);
    return {
      module: CoreModule,
      providers: [
        { provide: API_RUNTIME, useValue: runtime },
        { provide: LOGGER, useValue: runtime.logger },
        { provide: SecretBox, useValue: new SecretBox(runtime.masterKey) },
        {
          provide: REDIS,
          useFactory: () =>
            createRedis({
              url: runtime.config.redis.url,
              connectionName: 'bastion-api',
              onError: (error) => runtime.logger.warn('Redis connection lost; reconnecting', { error }),
            }),
        },
        {
          provide: SnapshotStore,
          inject: [REDIS],
          useFactory: (redis: Redis) => new SnapshotStore(redis, keys),
        },
        { provide: JOB_QUEUES, useFactory: () => createJobQueues(runtime) },
        { provide: METRICS, useFactory: () => createMetricsRegistry('api') },
        {
          provide: CONFIG_VERSION_GAUGE,
          inject: [METRICS],
          useFactory: (r: Registry) => createConfigVersionGauge(r),
        },
      ],
      exports: [
        API_RUNTIME,
        LOGGER,
        SecretBox,
        REDIS,
        JOB_QUEUES,
        SnapshotStore,
        METRICS,
        CONFIG_VERSION_GAUGE,
      ],
    };
  }

  // Consumers stop in their modules' onModuleDestroy, which runs before this.
  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
    this.redis.disconnect();
  }
}

/** BullMQ on REDIS_URL; without it the first look's in-process delivery (BullMQ needs real Redis). */
function createJobQueues(runtime: ApiRuntime): JobQueues {
  const { logger, config } = runtime;
  const queues = new JobQueues({
    url: config.redis.url,
    prefix: config.redis.prefix,
    connectionName: 'bastion-api-jobs',
    log: (level, message, fields) => logger.log(level, message, fields),
  });
  if (queues.mode === 'in-process') {
    logger.warn(
      'REDIS_URL is not set: worker messages (tool discoveries) are delivered in-process, so only a proxy in this process reaches the api',
    );
  }
  return queues;
}
