import { busKeys, createRedis, SnapshotStore } from '@bastion/bus';
import { SecretBox } from '@bastion/crypto';
import { createConfigVersionGauge, createMetricsRegistry } from '@bastion/observability';
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { API_RUNTIME, CONFIG_VERSION_GAUGE, LOGGER, METRICS, REDIS, type ApiRuntime } from './api-runtime';

/** Process-wide infrastructure of the api: logger, secrets box, Redis, metrics. */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

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
        { provide: METRICS, useFactory: () => createMetricsRegistry('api') },
        {
          provide: CONFIG_VERSION_GAUGE,
          inject: [METRICS],
          useFactory: (r: Registry) => createConfigVersionGauge(r),
        },
      ],
      exports: [API_RUNTIME, LOGGER, SecretBox, REDIS, SnapshotStore, METRICS, CONFIG_VERSION_GAUGE],
    };
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
