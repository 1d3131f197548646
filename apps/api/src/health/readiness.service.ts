import { PrismaService } from '@bastion/db';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../core/api-runtime';

const CHECK_TIMEOUT_MS = 2_000;

/** The state of one dependency. */
export interface DependencyCheck {
  ok: boolean;
  error?: string;
}

/** Whether the api can serve: Postgres answers and Redis is connected. */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async check(): Promise<{ ready: boolean; checks: Record<'postgres' | 'redis', DependencyCheck> }> {
    const [postgres, redis] = await Promise.all([
      probe(() => this.prisma.$queryRaw`SELECT 1`),
      probe(() => this.redis.ping()),
    ]);
    return { ready: postgres.ok && redis.ok, checks: { postgres, redis } };
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
