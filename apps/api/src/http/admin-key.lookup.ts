import { hashApiKey } from '@bastion/crypto';
import { PrismaService } from '@bastion/db';
import { Injectable } from '@nestjs/common';

/** Finds a usable (active, unexpired) key by its plaintext, through its hash. */
@Injectable()
export class AdminKeyLookup {
  constructor(private readonly prisma: PrismaService) {}

  async find(key: string): Promise<{ id: string; kind: 'admin' | 'gateway' } | null> {
    const row = await this.prisma.apiKey.findUnique({
      where: { keyHash: hashApiKey(key) },
      select: { id: true, kind: true, status: true, expiresAt: true },
    });
    if (!row || row.status !== 'active' || (row.expiresAt && row.expiresAt <= new Date())) return null;
    return { id: row.id, kind: row.kind };
  }
}
