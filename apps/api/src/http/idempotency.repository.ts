import { PrismaService } from '@bastion/db';
import { Injectable } from '@nestjs/common';

/** A response remembered for an Idempotency-Key. */
export interface IdempotentResponse {
  requestHash: string;
  statusCode: number;
  sealedBody: string;
}

const RETENTION_MS = 24 * 60 * 60 * 1000;

/** Stores responses to POSTs that carried an Idempotency-Key, for 24 hours. */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly prisma: PrismaService) {}

  async find(key: string, method: string, path: string): Promise<IdempotentResponse | null> {
    const row = await this.prisma.idempotencyRecord.findUnique({
      where: { key_method_path: { key, method, path } },
    });
    if (!row || row.createdAt.getTime() < Date.now() - RETENTION_MS) return null;
    return {
      requestHash: row.requestHash,
      statusCode: row.statusCode,
      sealedBody: typeof row.responseBody === 'string' ? row.responseBody : '',
    };
  }

  /** Saves a response; a concurrent twin that saved first wins. */
  async save(key: string, method: string, path: string, response: IdempotentResponse): Promise<void> {
    await this.prisma.idempotencyRecord.deleteMany({
      where: { createdAt: { lt: new Date(Date.now() - RETENTION_MS) } },
    });
    await this.prisma.idempotencyRecord.upsert({
      where: { key_method_path: { key, method, path } },
      create: {
        key,
        method,
        path,
        requestHash: response.requestHash,
        statusCode: response.statusCode,
        responseBody: response.sealedBody,
      },
      update: {},
    });
  }
}
