import { busKeys, SnapshotStore, whenRedisReady } from '@bastion/bus';
import { PrismaService } from '@bastion/db';
import { Global, Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Gauge } from 'prom-client';
import type { Logger } from 'winston';
import { AuditModule } from '../audit/audit.module';
import { API_RUNTIME, CONFIG_VERSION_GAUGE, LOGGER, REDIS, type ApiRuntime } from '../core/api-runtime';
import { ConfigWriter } from './config-writer';
import { OutboxRelay } from './outbox.relay';
import { OutboxScheduler } from './outbox.scheduler';
import { OutboxSignal } from './outbox.signal';
import { SnapshotBuilder } from './snapshot.builder';

/** Transactional config writes and their relay to Redis. */
@Global()
@Module({
  imports: [AuditModule],
  providers: [
    ConfigWriter,
    OutboxSignal,
    SnapshotBuilder,
    {
      provide: OutboxRelay,
      inject: [
        PrismaService,
        REDIS,
        SnapshotStore,
        SnapshotBuilder,
        LOGGER,
        CONFIG_VERSION_GAUGE,
        API_RUNTIME,
      ],
      useFactory: (
        prisma: PrismaService,
        redis: Redis,
        store: SnapshotStore,
        builder: SnapshotBuilder,
        logger: Logger,
        versionGauge: Gauge,
        runtime: ApiRuntime,
      ) =>
        new OutboxRelay({
          prisma,
          redis,
          store,
          builder,
          logger,
          versionGauge,
          lockKey: `${busKeys(runtime.config.redis.prefix).snapshot}:relay-lock`,
        }),
    },
    {
      provide: OutboxScheduler,
      inject: [OutboxRelay, OutboxSignal, LOGGER, API_RUNTIME],
      useFactory: (relay: OutboxRelay, signal: OutboxSignal, logger: Logger, runtime: ApiRuntime) =>
        new OutboxScheduler(relay, signal, runtime.config.outbox.pollMs, logger),
    },
  ],
  exports: [ConfigWriter, OutboxScheduler],
})
export class OutboxModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(OutboxScheduler) private readonly scheduler: OutboxScheduler,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A first pass before the connection is up would only log a spurious outage.
    await whenRedisReady(this.redis, 3_000).catch(() => undefined);
    this.scheduler.start();
  }

  onModuleDestroy(): void {
    this.scheduler.stop();
  }
}
