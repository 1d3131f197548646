import { maskApiKey } from '@bastion/crypto';
import type { ApiKeyModel } from '@bastion/db';
import type { ApiKeyDto } from './dto/api-key.dto';

/** A key row as the API shows it: masked, never its plaintext or hash. */
export function toApiKeyDto(row: ApiKeyModel, now: Date = new Date()): ApiKeyDto {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    projectId: row.projectId,
    userId: row.userId,
    status: row.status,
    masked: maskApiKey(row),
    keyPrefix: row.keyPrefix,
    lastFour: row.lastFour,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    expired: row.expiresAt !== null && row.expiresAt <= now,
    rotatedAt: row.rotatedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
