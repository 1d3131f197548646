import type { OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

/** How long a request waits for a pooled connection before Postgres counts as unavailable. */
const CONNECTION_TIMEOUT_MS = 3_000;
/**
 * Interactive transactions: Prisma's defaults (2 s to start, 5 s to finish) fail a cold start on a slow
 * host, the first transaction of a process paying for connections and query planning. Still bounded.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

/** The Prisma client over node-postgres (`@prisma/adapter-pg`); the api's only way into Postgres. */
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(databaseUrl: string) {
    super({
      adapter: new PrismaPg({
        connectionString: databaseUrl,
        max: 10,
        connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
      }),
      transactionOptions: TRANSACTION_OPTIONS,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
