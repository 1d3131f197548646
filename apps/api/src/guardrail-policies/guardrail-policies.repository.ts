import type { GuardrailRule } from '@bastion/contracts';
import type { FailMode, GuardrailPolicyModel, PolicyMode, Prisma, Tx } from '@bastion/db';
import { Injectable } from '@nestjs/common';
import { pageArgs } from '../http/pagination';
import type { ListGuardrailPoliciesQueryDto } from './dto/guardrail-policy.dto';

/** The stored fields of a policy. */
export interface GuardrailPolicyFields {
  name: string;
  description: string | null;
  mode: PolicyMode;
  failMode: FailMode;
  rules: GuardrailRule[];
}

/** A server that applies a policy, and on which side. */
export interface PolicyUser {
  server: string;
  config: string;
  /** `input`, `output` or `input, output`. */
  sides: string;
}

/** Guardrail policies in Postgres. Every method takes the transaction it runs in. */
@Injectable()
export class GuardrailPoliciesRepository {
  findById(tx: Tx, id: string): Promise<GuardrailPolicyModel | null> {
    return tx.guardrailPolicy.findUnique({ where: { id } });
  }

  findByName(tx: Tx, name: string): Promise<GuardrailPolicyModel | null> {
    return tx.guardrailPolicy.findUnique({ where: { name } });
  }

  list(tx: Tx, query: ListGuardrailPoliciesQueryDto): Promise<GuardrailPolicyModel[]> {
    const page = pageArgs(query);
    const filters: Prisma.GuardrailPolicyWhereInput[] = [page.where];
    if (query.q) {
      filters.push({
        OR: [
          { name: { contains: query.q, mode: 'insensitive' } },
          { description: { contains: query.q, mode: 'insensitive' } },
        ],
      });
    }
    return tx.guardrailPolicy.findMany({ ...page, where: { AND: filters } });
  }

  create(tx: Tx, data: GuardrailPolicyFields): Promise<GuardrailPolicyModel> {
    return tx.guardrailPolicy.create({ data: { ...data, rules: data.rules as Prisma.InputJsonValue } });
  }

  update(tx: Tx, id: string, data: Partial<GuardrailPolicyFields>): Promise<GuardrailPolicyModel> {
    const { rules, ...rest } = data;
    return tx.guardrailPolicy.update({
      where: { id },
      data: rules === undefined ? rest : { ...rest, rules: rules as Prisma.InputJsonValue },
    });
  }

  /** Every policy, oldest first. */
  findAll(tx: Tx): Promise<GuardrailPolicyModel[]> {
    return tx.guardrailPolicy.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  /** The outbox history of policy upserts: each payload carries the policy as it was published. */
  publishedUpserts(tx: Tx): Promise<Array<{ version: bigint; payload: Prisma.JsonValue }>> {
    return tx.configOutbox.findMany({
      where: { entity: 'policies', op: 'upsert' },
      select: { version: true, payload: true },
      orderBy: { version: 'asc' },
    });
  }

  /** Rewrites one outbox entry's payload in place (it keeps its version and published state). */
  async replacePublishedUpsert(tx: Tx, version: bigint, payload: unknown): Promise<void> {
    await tx.configOutbox.update({ where: { version }, data: { payload: payload as Prisma.InputJsonValue } });
  }

  delete(tx: Tx, id: string): Promise<GuardrailPolicyModel> {
    return tx.guardrailPolicy.delete({ where: { id } });
  }

  /** Servers whose input or output policy this is (at most `limit` of them). */
  async usedBy(tx: Tx, id: string, limit: number): Promise<PolicyUser[]> {
    const servers = await tx.mcpServer.findMany({
      where: { OR: [{ inputPolicyId: id }, { outputPolicyId: id }] },
      select: { name: true, inputPolicyId: true, outputPolicyId: true, config: { select: { name: true } } },
      orderBy: [{ configId: 'asc' }, { name: 'asc' }],
      take: limit,
    });
    return servers.map((server) => ({
      server: server.name,
      config: server.config.name,
      sides: [server.inputPolicyId === id && 'input', server.outputPolicyId === id && 'output']
        .filter(Boolean)
        .join(', '),
    }));
  }

  countUsers(tx: Tx, id: string): Promise<number> {
    return tx.mcpServer.count({ where: { OR: [{ inputPolicyId: id }, { outputPolicyId: id }] } });
  }
}
