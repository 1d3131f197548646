import type { JobConsumer, JobQueues } from '@bastion/bus';
import { TOOL_DISCOVERIES_QUEUE } from '@bastion/contracts';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { JOB_QUEUES } from '../core/api-runtime';
import { ToolDiscoveriesService } from './tool-discoveries.service';

// Jobs touch one pin each; a few at a time keep the relay busy without starving REST writes.
const CONCURRENCY = 4;

/** Consumes the workers' `tool-discoveries` queue for as long as the api runs. */
@Injectable()
export class ToolDiscoveriesConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private consumer: JobConsumer | undefined;

  constructor(
    @Inject(JOB_QUEUES) private readonly queues: JobQueues,
    private readonly discoveries: ToolDiscoveriesService,
  ) {}

  onApplicationBootstrap(): void {
    this.consumer = this.queues.consume(
      TOOL_DISCOVERIES_QUEUE,
      async (payload) => void (await this.discoveries.record(payload)),
      { concurrency: CONCURRENCY },
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer?.close();
  }
}
