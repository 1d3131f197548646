import { busKeys, type BusKeys } from '@bastion/bus';
import { processesOf, type LogLevelChange, type LogLevelProcess } from '@bastion/observability';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { API_RUNTIME, REDIS, type ApiRuntime } from '../core/api-runtime';

/** Worker log levels in Redis: the stored level per kind of worker, and the change channel. */
@Injectable()
export class LogLevelRepository {
  private readonly keys: BusKeys;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(API_RUNTIME) runtime: ApiRuntime,
  ) {
    this.keys = busKeys(runtime.config.redis.prefix);
  }

  /** Stores the level for each worker kind the change covers (read by workers at boot), then publishes it. */
  async publish(change: LogLevelChange): Promise<void> {
    const batch = this.redis.multi();
    for (const kind of processesOf(change.target)) {
      if (kind !== 'api') batch.set(this.keys.logLevel(kind), change.level);
    }
    batch.publish(this.keys.logLevelChanges, JSON.stringify(change));
    const results = (await batch.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }

  /** The level last stored for one kind of worker, as stored (null: none). */
  stored(kind: Exclude<LogLevelProcess, 'api'>): Promise<string | null> {
    return this.redis.get(this.keys.logLevel(kind));
  }
}
