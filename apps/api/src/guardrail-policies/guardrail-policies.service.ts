import type { Change } from '@bastion/contracts';
import type { GuardrailPolicyModel, Tx } from '@bastion/db';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { toPage } from '../http/pagination';
import { ConfigWriter, type WriteOutcome } from '../outbox/config-writer';
import { toPolicyEntry } from '../outbox/snapshot-entries';
import type {
  CreateGuardrailPolicyDto,
  GuardrailPolicyDto,
  GuardrailPolicyPageDto,
  ListGuardrailPoliciesQueryDto,
  UpdateGuardrailPolicyDto,
} from './dto/guardrail-policy.dto';
import { GuardrailPoliciesRepository, type GuardrailPolicyFields } from './guardrail-policies.repository';
import { PolicySecretsSealer } from './policy-secrets.sealer';

/** How many servers a refused delete names. */
const USERS_SHOWN = 20;

/**
 * Guardrail policies: ordered detector rules that servers apply to tool inputs and outputs. Remote
 * rules' header values are sealed before they are stored and masked in every answer.
 */
@Injectable()
export class GuardrailPoliciesService {
  constructor(
    private readonly policies: GuardrailPoliciesRepository,
    private readonly writer: ConfigWriter,
    private readonly sealer: PolicySecretsSealer,
  ) {}

  create(input: CreateGuardrailPolicyDto): Promise<GuardrailPolicyDto> {
    return this.writer.write(async (tx) => {
      await this.ensureNameFree(tx, input.name);
      return published(await this.policies.create(tx, this.toFields(input)));
    });
  }

  /** Creates the policy, or replaces the one with the same name; omitted fields take their defaults. */
  upsert(input: CreateGuardrailPolicyDto): Promise<{ created: boolean; policy: GuardrailPolicyDto }> {
    return this.writer.write(async (tx) => {
      const existing = await this.policies.findByName(tx, input.name);
      const fields = this.toFields(input, existing);
      if (!existing) return withCreated(true, published(await this.policies.create(tx, fields)));
      if (!changes(existing, fields))
        return { result: { created: false, policy: toPolicyDto(existing) }, changes: [] };
      return withCreated(false, published(await this.policies.update(tx, existing.id, fields)));
    });
  }

  get(id: string): Promise<GuardrailPolicyDto> {
    return this.writer.read(async (tx) => toPolicyDto(await this.require(tx, id)));
  }

  list(query: ListGuardrailPoliciesQueryDto): Promise<GuardrailPolicyPageDto> {
    return this.writer.read(async (tx) =>
      toPage(await this.policies.list(tx, query), query.limit, toPolicyDto),
    );
  }

  update(id: string, input: UpdateGuardrailPolicyDto): Promise<GuardrailPolicyDto> {
    return this.writer.write(async (tx) => {
      const existing = await this.require(tx, id);
      if (input.name !== undefined && input.name !== existing.name) await this.ensureNameFree(tx, input.name);
      const fields = input.rules ? { ...input, rules: this.sealer.seal(input.rules, existing.rules) } : input;
      if (!changes(existing, fields)) return { result: toPolicyDto(existing), changes: [] };
      return published(await this.policies.update(tx, id, fields));
    });
  }

  /** Deletes a policy no server uses; the workers drop it at once. */
  remove(id: string): Promise<void> {
    return this.writer.write(async (tx) => {
      const policy = await this.require(tx, id);
      await this.ensureUnused(tx, policy);
      await this.policies.delete(tx, id);
      return { result: undefined, changes: [{ op: 'delete', entity: 'policies', id }] };
    });
  }

  /** The fields to store: remote header values sealed (a masked one keeps `existing`'s). */
  private toFields(
    input: CreateGuardrailPolicyDto,
    existing?: GuardrailPolicyModel | null,
  ): GuardrailPolicyFields {
    return {
      ...input,
      description: input.description ?? null,
      rules: this.sealer.seal(input.rules, existing?.rules),
    };
  }

  private async ensureNameFree(tx: Tx, name: string): Promise<void> {
    if (await this.policies.findByName(tx, name)) {
      throw new ConflictException(`A guardrail policy named "${name}" already exists.`);
    }
  }

  private async ensureUnused(tx: Tx, policy: GuardrailPolicyModel): Promise<void> {
    const users = await this.policies.usedBy(tx, policy.id, USERS_SHOWN);
    if (users.length === 0) return;
    const total = users.length < USERS_SHOWN ? users.length : await this.policies.countUsers(tx, policy.id);
    const named = users.map((user) => `${user.config}/${user.server} (${user.sides})`).join(', ');
    const more = total > users.length ? ` and ${total - users.length} more` : '';
    throw new ConflictException(
      `Guardrail policy "${policy.name}" is still used by ${total} server(s): ${named}${more}. ` +
        'Detach it from those servers first.',
    );
  }

  private async require(tx: Tx, id: string): Promise<GuardrailPolicyModel> {
    const policy = await this.policies.findById(tx, id);
    if (!policy) throw new NotFoundException(`Guardrail policy ${id} was not found.`);
    return policy;
  }
}

/** Maps a stored policy to its REST shape (remote header values masked). */
export function toPolicyDto(row: GuardrailPolicyModel): GuardrailPolicyDto {
  const entry = toPolicyEntry(row);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    mode: entry.mode,
    failMode: entry.failMode,
    rules: PolicySecretsSealer.mask(entry.rules),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** True when applying `input` would change the stored policy (rules compared as values). */
function changes(existing: GuardrailPolicyModel, input: Partial<GuardrailPolicyFields>): boolean {
  return (Object.keys(input) as Array<keyof GuardrailPolicyFields>).some(
    (key) => input[key] !== undefined && !isDeepStrictEqual(input[key], existing[key]),
  );
}

function published(row: GuardrailPolicyModel): WriteOutcome<GuardrailPolicyDto> {
  const change: Change = { op: 'upsert', entity: 'policies', id: row.id, data: toPolicyEntry(row) };
  return { result: toPolicyDto(row), changes: [change] };
}

function withCreated(created: boolean, outcome: WriteOutcome<GuardrailPolicyDto>) {
  return { result: { created, policy: outcome.result }, changes: outcome.changes };
}
