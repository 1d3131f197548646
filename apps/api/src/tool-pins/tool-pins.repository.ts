import type { Prisma, Tx } from '@bastion/db';
import { Injectable } from '@nestjs/common';
import { pageArgs } from '../http/pagination';
import type { ListToolPinsQueryDto } from './dto/tool-pin.dto';

const withServer = {
  server: { select: { id: true, name: true, configId: true, toolPrefix: true } },
} satisfies Prisma.ToolPinInclude;

/** A pin with the server fields its views need. */
export type ToolPinRow = Prisma.ToolPinGetPayload<{ include: typeof withServer }>;

/** The columns a discovery or a review writes. */
export type ToolPinWrite = Pick<
  Prisma.ToolPinUncheckedCreateInput,
  'status' | 'approvedHash' | 'approvedDefinition' | 'pendingHash' | 'pendingDefinition'
>;

/** Tool pins in Postgres. Every method takes the transaction it runs in. */
@Injectable()
export class ToolPinsRepository {
  findById(tx: Tx, id: string): Promise<ToolPinRow | null> {
    return tx.toolPin.findUnique({ where: { id }, include: withServer });
  }

  findByTool(tx: Tx, serverId: string, toolName: string): Promise<ToolPinRow | null> {
    return tx.toolPin.findUnique({
      where: { serverId_toolName: { serverId, toolName } },
      include: withServer,
    });
  }

  list(tx: Tx, query: ListToolPinsQueryDto): Promise<ToolPinRow[]> {
    const page = pageArgs(query);
    const filters: Prisma.ToolPinWhereInput[] = [page.where];
    if (query.serverId) filters.push({ serverId: query.serverId });
    if (query.configId) filters.push({ server: { configId: query.configId } });
    if (query.status) filters.push({ status: query.status });
    return tx.toolPin.findMany({ ...page, where: { AND: filters }, include: withServer });
  }

  /** Every pin of the servers of one config (for look-alike checks). */
  listOfConfig(tx: Tx, configId: string): Promise<ToolPinRow[]> {
    return tx.toolPin.findMany({ where: { server: { configId } }, include: withServer });
  }

  /** The server with its config's pinning mode, or null when it no longer exists. */
  findServer(tx: Tx, serverId: string) {
    return tx.mcpServer.findUnique({
      where: { id: serverId },
      select: { id: true, config: { select: { pinningMode: true } } },
    });
  }

  create(tx: Tx, serverId: string, toolName: string, data: ToolPinWrite): Promise<ToolPinRow> {
    return tx.toolPin.create({ data: { serverId, toolName, ...data }, include: withServer });
  }

  update(tx: Tx, id: string, data: Partial<ToolPinWrite>): Promise<ToolPinRow> {
    return tx.toolPin.update({ where: { id }, data, include: withServer });
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.toolPin.delete({ where: { id } });
  }
}
