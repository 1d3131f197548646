import { Prisma, type ConnectionScope, type McpServerModel, type Transport, type Tx } from '@bastion/db';
import { Injectable } from '@nestjs/common';
import { pageArgs } from '../http/pagination';
import type { ListMcpServersQueryDto } from './dto/mcp-server.dto';
import { ServerSecretsSealer, type SealedOAuth } from './server-secrets.sealer';

/** Server columns a write can set; secrets already sealed. Undefined leaves a column as it is. */
export interface McpServerData {
  name?: string;
  transport?: Transport;
  command?: string | null;
  args?: string[];
  env?: Record<string, string>;
  url?: string | null;
  headers?: Record<string, string>;
  oauth?: SealedOAuth;
  toolPrefix?: string | null;
  toolsAllow?: string[];
  toolsDeny?: string[];
  inputPolicyId?: string | null;
  outputPolicyId?: string | null;
  connectTimeoutMs?: number;
  discoveryTimeoutMs?: number;
  callTimeoutMs?: number;
  connectionScope?: ConnectionScope;
  enabled?: boolean;
}

/** Prisma needs `DbNull` to store SQL NULL in a Json column. */
function toColumns({ oauth, ...rest }: McpServerData) {
  return { ...rest, ...(oauth !== undefined && { oauth: oauth === null ? Prisma.DbNull : oauth }) };
}

/** Servers of MCP configs in Postgres. Every method takes the transaction it runs in. */
@Injectable()
export class McpServersRepository {
  findById(tx: Tx, configId: string, id: string): Promise<McpServerModel | null> {
    return tx.mcpServer.findFirst({ where: { id, configId } });
  }

  findByName(tx: Tx, configId: string, name: string): Promise<McpServerModel | null> {
    return tx.mcpServer.findUnique({ where: { configId_name: { configId, name } } });
  }

  /** All servers of a config, oldest first. */
  listAll(tx: Tx, configId: string): Promise<McpServerModel[]> {
    return tx.mcpServer.findMany({ where: { configId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  list(tx: Tx, configId: string, query: ListMcpServersQueryDto): Promise<McpServerModel[]> {
    const page = pageArgs(query);
    const filters: Prisma.McpServerWhereInput[] = [page.where, { configId }];
    if (query.q) filters.push({ name: { contains: query.q, mode: 'insensitive' } });
    return tx.mcpServer.findMany({ ...page, where: { AND: filters } });
  }

  create(
    tx: Tx,
    configId: string,
    data: McpServerData & { name: string; transport: Transport },
  ): Promise<McpServerModel> {
    return tx.mcpServer.create({
      data: { ...toColumns(data), name: data.name, transport: data.transport, configId },
    });
  }

  update(tx: Tx, id: string, data: McpServerData): Promise<McpServerModel> {
    return tx.mcpServer.update({ where: { id }, data: toColumns(data) });
  }

  /** Copies every server of one config into another, sealed values as they are. */
  async copyAll(tx: Tx, fromConfigId: string, toConfigId: string): Promise<McpServerModel[]> {
    const copies: McpServerModel[] = [];
    for (const { id: _id, configId: _from, createdAt: _c, updatedAt: _u, ...server } of await this.listAll(
      tx,
      fromConfigId,
    )) {
      const sealed = ServerSecretsSealer.stored(server);
      copies.push(await this.create(tx, toConfigId, { ...server, ...sealed }));
    }
    return copies;
  }

  /** Deletes the server and returns the ids of the tool pins that went with it (cascade). */
  async delete(tx: Tx, id: string): Promise<string[]> {
    const pins = await tx.toolPin.findMany({ where: { serverId: id }, select: { id: true } });
    await tx.mcpServer.delete({ where: { id } });
    return pins.map((pin) => pin.id);
  }

  /** The ids among `ids` that name an existing guardrail policy. */
  async existingPolicyIds(tx: Tx, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await tx.guardrailPolicy.findMany({ where: { id: { in: ids } }, select: { id: true } });
    return new Set(rows.map((row) => row.id));
  }
}
