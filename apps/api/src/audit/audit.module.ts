import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Registry } from 'prom-client';
import type { Logger } from 'winston';
import { API_RUNTIME, LOGGER, METRICS, type ApiRuntime } from '../core/api-runtime';
import { AUDIT_DELIVERY, type AuditDelivery } from './audit-delivery';
import { AuditEventsController } from './audit-events.controller';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditEventsService } from './audit-events.service';
import { AuditExportService } from './audit-export.service';
import { AuditIngestService } from './audit-ingest.service';
import { AuditRetentionService } from './audit-retention.service';
import { AuditStatsController } from './audit-stats.controller';
import { AuditStatsRepository } from './audit-stats.repository';
import { AuditStatsService } from './audit-stats.service';
import { AuditTailHub } from './audit-tail.hub';
import { AuditMetrics } from './audit.metrics';
import { BullMqAuditDelivery } from './bullmq-audit.delivery';
import { ConfigAuditRecorder } from './config-audit.recorder';
import { InProcessAuditDelivery } from './in-process-audit.delivery';

/**
 * The audit trail: ingest of the workers' batches (BullMQ with REDIS_URL, in-process without),
 * search, live tail, export, statistics and retention; and the `config.change` events of config writes.
 */
@Module({
  controllers: [AuditEventsController, AuditStatsController],
  providers: [
    AuditEventsRepository,
    AuditStatsRepository,
    AuditEventsService,
    AuditExportService,
    AuditStatsService,
    AuditIngestService,
    AuditRetentionService,
    AuditTailHub,
    ConfigAuditRecorder,
    {
      provide: AuditMetrics,
      inject: [METRICS],
      useFactory: (registry: Registry) => new AuditMetrics(registry),
    },
    {
      provide: AUDIT_DELIVERY,
      inject: [API_RUNTIME, AuditIngestService, AuditRetentionService, LOGGER],
      useFactory: (
        runtime: ApiRuntime,
        ingest: AuditIngestService,
        retention: AuditRetentionService,
        logger: Logger,
      ): AuditDelivery => {
        const { url, prefix } = runtime.config.redis;
        return url
          ? new BullMqAuditDelivery({ url, prefix, ingest, retention, logger })
          : new InProcessAuditDelivery({ prefix, ingest, retention, logger });
      },
    },
  ],
  exports: [AuditRetentionService, ConfigAuditRecorder, AUDIT_DELIVERY],
})
export class AuditModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(AUDIT_DELIVERY) private readonly delivery: AuditDelivery,
    metrics: AuditMetrics,
  ) {
    metrics.observeQueueDepth((timeoutMs) => delivery.queueDepth(timeoutMs));
  }

  onApplicationBootstrap(): void {
    this.delivery.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.delivery.stop();
  }
}
