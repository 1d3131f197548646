import type { AuditCapture, McpConfigModel, PinningMode, Prisma, ProjectModel, Tx } from '@bastion/db';
import { Injectable } from '@nestjs/common';
import { pageArgs } from '../http/pagination';
import type { ListMcpConfigsQueryDto } from './dto/mcp-config.dto';
import type { McpConfigWithCount } from './mcp-configs.mapper';

/** Config columns a write can set. */
export interface McpConfigData {
  name?: string | undefined;
  description?: string | null | undefined;
  pinningMode?: PinningMode | undefined;
  metaToolsEnabled?: boolean | undefined;
  auditCapture?: AuditCapture | undefined;
}

/** What deleting a config took with it, for the workers. */
export interface DeletedConfig {
  serverIds: string[];
  toolPinIds: string[];
  /** Projects that served the config, as they are now (unassigned). */
  projects: ProjectModel[];
}

const withCount = { _count: { select: { servers: true } } } as const;

/** MCP configs in Postgres. Every method takes the transaction it runs in. */
@Injectable()
export class McpConfigsRepository {
  findById(tx: Tx, id: string): Promise<McpConfigModel | null> {
    return tx.mcpConfig.findUnique({ where: { id } });
  }

  findByName(tx: Tx, name: string): Promise<McpConfigModel | null> {
    return tx.mcpConfig.findUnique({ where: { name } });
  }

  list(tx: Tx, query: ListMcpConfigsQueryDto): Promise<McpConfigWithCount[]> {
    const page = pageArgs(query);
    const filters: Prisma.McpConfigWhereInput[] = [page.where];
    if (query.q) {
      filters.push({
        OR: [
          { name: { contains: query.q, mode: 'insensitive' } },
          { description: { contains: query.q, mode: 'insensitive' } },
        ],
      });
    }
    return tx.mcpConfig.findMany({ ...page, where: { AND: filters }, include: withCount });
  }

  create(tx: Tx, data: McpConfigData & { name: string }): Promise<McpConfigModel> {
    return tx.mcpConfig.create({ data });
  }

  update(tx: Tx, id: string, data: McpConfigData): Promise<McpConfigModel> {
    return tx.mcpConfig.update({ where: { id }, data });
  }

  /** Deletes the config; its servers and tool pins cascade and its projects are unassigned (FK). */
  async delete(tx: Tx, id: string): Promise<DeletedConfig> {
    const servers = await tx.mcpServer.findMany({ where: { configId: id }, select: { id: true } });
    const serverIds = servers.map((server) => server.id);
    const pins = await tx.toolPin.findMany({ where: { serverId: { in: serverIds } }, select: { id: true } });
    const projects = await tx.project.findMany({ where: { mcpConfigId: id }, select: { id: true } });
    await tx.mcpConfig.delete({ where: { id } });
    const unassigned = await tx.project.findMany({
      where: { id: { in: projects.map((project) => project.id) } },
    });
    return { serverIds, toolPinIds: pins.map((pin) => pin.id), projects: unassigned };
  }
}
