import type { ApiKeyKind, ApiKeyModel, Prisma, Tx } from '@bastion/db';
import { Injectable } from '@nestjs/common';
import { pageArgs } from '../http/pagination';
import type { ListApiKeysQueryDto } from './dto/api-key.dto';

/** What identifies a key's secret in storage: its hash and the hints that may be shown again. */
export interface StoredSecret {
  keyHash: string;
  keyPrefix: string;
  lastFour: string;
}

/** Fields of a new key row. */
export interface NewApiKey extends StoredSecret {
  kind: ApiKeyKind;
  name: string | null;
  projectId: string | null;
  userId: string | null;
  expiresAt: Date | null;
}

/** API keys in Postgres (hashes only, never plaintext). Every method takes the transaction it runs in. */
@Injectable()
export class ApiKeysRepository {
  findById(tx: Tx, id: string): Promise<ApiKeyModel | null> {
    return tx.apiKey.findUnique({ where: { id } });
  }

  list(tx: Tx, query: ListApiKeysQueryDto): Promise<ApiKeyModel[]> {
    const page = pageArgs(query);
    const filters: Prisma.ApiKeyWhereInput[] = [page.where];
    if (query.projectId) filters.push({ projectId: query.projectId });
    if (query.userId) filters.push({ userId: query.userId });
    if (query.kind) filters.push({ kind: query.kind });
    if (query.status) filters.push({ status: query.status });
    return tx.apiKey.findMany({ ...page, where: { AND: filters } });
  }

  create(tx: Tx, data: NewApiKey): Promise<ApiKeyModel> {
    return tx.apiKey.create({ data });
  }

  update(tx: Tx, id: string, data: Prisma.ApiKeyUpdateInput): Promise<ApiKeyModel> {
    return tx.apiKey.update({ where: { id }, data });
  }

  /** Replaces the stored secret: the old plaintext stops matching at once. */
  replaceSecret(tx: Tx, id: string, secret: StoredSecret): Promise<ApiKeyModel> {
    return tx.apiKey.update({ where: { id }, data: { ...secret, rotatedAt: new Date() } });
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.apiKey.delete({ where: { id } });
  }

  async projectExists(tx: Tx, id: string): Promise<boolean> {
    return (await tx.project.count({ where: { id } })) > 0;
  }

  async userExists(tx: Tx, id: string): Promise<boolean> {
    return (await tx.user.count({ where: { id } })) > 0;
  }
}
