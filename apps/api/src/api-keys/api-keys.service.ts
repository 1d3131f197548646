import type { Change } from '@bastion/contracts';
import { apiKeyHints, generateApiKey, hashApiKey } from '@bastion/crypto';
import type { ApiKeyModel, Tx } from '@bastion/db';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { toPage } from '../http/pagination';
import { ConfigWriter } from '../outbox/config-writer';
import { toKeyEntry } from '../outbox/snapshot-entries';
import { toApiKeyDto } from './api-key.mapper';
import { ApiKeysRepository, type StoredSecret } from './api-keys.repository';
import type {
  ApiKeyDto,
  ApiKeyPageDto,
  ApiKeyWithSecretDto,
  CreateApiKeyDto,
  ListApiKeysQueryDto,
  UpdateApiKeyDto,
} from './dto/api-key.dto';

/** A key row before and after a change (null: absent), and what the caller gets back. */
interface KeyEdit<T> {
  before: ApiKeyModel | null;
  after: ApiKeyModel | null;
  result: T;
}

/**
 * Gateway keys (MCP clients) and admin keys (REST). Plaintext exists only in the response to a
 * create or rotate; gateway-key changes are published to the workers, admin keys never are.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly writer: ConfigWriter,
  ) {}

  create(input: CreateApiKeyDto): Promise<ApiKeyWithSecretDto> {
    const key = generateApiKey();
    return this.edit(async (tx) => {
      await this.requireOwners(tx, input);
      const after = await this.keys.create(tx, {
        kind: input.kind,
        name: input.name ?? null,
        projectId: input.projectId ?? null,
        userId: input.userId ?? null,
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
        ...storedSecret(key),
      });
      return { before: null, after, result: { ...toApiKeyDto(after), key } };
    });
  }

  list(query: ListApiKeysQueryDto): Promise<ApiKeyPageDto> {
    return this.writer.read(async (tx) =>
      toPage(await this.keys.list(tx, query), query.limit, (row) => toApiKeyDto(row)),
    );
  }

  get(id: string): Promise<ApiKeyDto> {
    return this.writer.read(async (tx) => toApiKeyDto(await this.require(tx, id)));
  }

  /** Renames the key or changes its expiry; the caller may not put an expiry on its own key. */
  update(id: string, input: UpdateApiKeyDto, callerKeyId: string | undefined): Promise<ApiKeyDto> {
    return this.edit(async (tx) => {
      const before = await this.require(tx, id);
      if (input.expiresAt) refuseSelf(before, callerKeyId, 'set an expiry on');
      const expiresAt =
        input.expiresAt === undefined ? undefined : input.expiresAt && new Date(input.expiresAt);
      const after = await this.keys.update(tx, id, { name: input.name, expiresAt });
      return { before, after, result: toApiKeyDto(after) };
    });
  }

  /** Gives the key a new secret under the same id; the old plaintext stops working at once. */
  rotate(id: string): Promise<ApiKeyWithSecretDto> {
    const key = generateApiKey();
    return this.edit(async (tx) => {
      const before = await this.require(tx, id);
      const after = await this.keys.replaceSecret(tx, id, storedSecret(key));
      return { before, after, result: { ...toApiKeyDto(after), key } };
    });
  }

  disable(id: string, callerKeyId: string | undefined): Promise<ApiKeyDto> {
    return this.setStatus(id, 'disabled', callerKeyId);
  }

  enable(id: string): Promise<ApiKeyDto> {
    return this.setStatus(id, 'active', undefined);
  }

  remove(id: string, callerKeyId: string | undefined): Promise<void> {
    return this.edit(async (tx) => {
      const before = await this.require(tx, id);
      refuseSelf(before, callerKeyId, 'delete');
      await this.keys.delete(tx, id);
      return { before, after: null, result: undefined };
    });
  }

  private setStatus(id: string, status: 'active' | 'disabled', callerKeyId: string | undefined) {
    return this.edit(async (tx) => {
      const before = await this.require(tx, id);
      if (status === 'disabled') refuseSelf(before, callerKeyId, 'disable');
      const after = before.status === status ? before : await this.keys.update(tx, id, { status });
      return { before, after, result: toApiKeyDto(after) };
    });
  }

  /** Runs a key change in one transaction with the snapshot changes it implies. */
  private edit<T>(work: (tx: Tx) => Promise<KeyEdit<T>>): Promise<T> {
    return this.writer.write(async (tx) => {
      const { before, after, result } = await work(tx);
      return { result, changes: snapshotChanges(before, after) };
    });
  }

  private async require(tx: Tx, id: string): Promise<ApiKeyModel> {
    const row = await this.keys.findById(tx, id);
    if (!row) throw new NotFoundException(`API key ${id} was not found.`);
    return row;
  }

  private async requireOwners(tx: Tx, input: CreateApiKeyDto): Promise<void> {
    if (input.projectId && !(await this.keys.projectExists(tx, input.projectId))) {
      throw new NotFoundException(`Project ${input.projectId} was not found.`);
    }
    if (input.userId && !(await this.keys.userExists(tx, input.userId))) {
      throw new NotFoundException(`User ${input.userId} was not found.`);
    }
  }
}

function storedSecret(key: string): StoredSecret {
  return { keyHash: hashApiKey(key), ...apiKeyHints(key) };
}

/** Refuses a change that would lock the caller out of the REST API with its own key. */
function refuseSelf(row: ApiKeyModel, callerKeyId: string | undefined, action: string): void {
  if (row.id !== callerKeyId) return;
  throw new ConflictException(
    `You cannot ${action} the admin key this request is authenticated with; use another admin key to do it.`,
  );
}

/** What the workers must see: gateway keys only, and only when their snapshot entry changed. */
function snapshotChanges(before: ApiKeyModel | null, after: ApiKeyModel | null): Change[] {
  const row = after ?? before;
  if (!row || row.kind !== 'gateway') return [];
  if (!after) return [{ op: 'delete', entity: 'keys', id: row.id }];
  const entry = toKeyEntry(after);
  if (before && JSON.stringify(toKeyEntry(before)) === JSON.stringify(entry)) return [];
  return [{ op: 'upsert', entity: 'keys', id: after.id, data: entry }];
}
