import { PrismaService } from '@bastion/db';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AUDIT_DELIVERY, type AuditDelivery } from '../audit/audit-delivery';
import { REDIS } from '../core/api-runtime';

const CHECK_TIMEOUT_MS = 2_000;

/** The state of one dependency. */
export interface DependencyCheck {
  ok: boolean;
  error?: string;
}

/** The dependencies /readyz reports on. */
export type Dependency = 'postgres' | 'redis' | 'queue';

/**
 * Whether the api can serve: Postgres answers, Redis is connected and the audit queue answers
 * (BullMQ job counts; always ok in-process, in the first look without Redis).
 */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(AUDIT_DELIVERY) private readonly audit: AuditDelivery,
  ) {}

  async check(): Promise<{ ready: boolean; checks: Record<Dependency, DependencyCheck> }> {
    const [postgres, redis, queue] = await Promise.all([
      probe(() => this.prisma.$queryRaw`SELECT 1`),
      probe(() => this.redis.ping()),
      probe(() => this.audit.queueDepth(CHECK_TIMEOUT_MS)),
    ]);
    return { ready: postgres.ok && redis.ok && queue.ok, checks: { postgres, redis, queue } };
  }
}

async function probe(run: () => Promise<unknown>): Promise<DependencyCheck> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([run(), timeout]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message.split('\n')[0] : 'unavailable' };
  } finally {
    clearTimeout(timer);
  }
}
