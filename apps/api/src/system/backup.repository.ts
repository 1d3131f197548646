import { PrismaService, type Tx } from '@bastion/db';
import { Injectable } from '@nestjs/common';
import type { BackupInserts, BackupTables } from './backup-rows.mapper';

/** Rows per INSERT: keeps the widest table (mcp_servers, 22 columns) under Postgres' 32767 parameters. */
const CHUNK = 1000;
/** A backup or restore of many thousands of rows may take longer than Prisma's 5 s default. */
const READ_TIMEOUT_MS = 120_000;

/** Every backed-up table at once: read all, or replace all. */
@Injectable()
export class BackupRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Runs `work` in a REPEATABLE READ transaction, so every table it reads is seen as of the same
   * moment (a backup must not mix states from before and after a concurrent write).
   */
  consistentRead<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work, { isolationLevel: 'RepeatableRead', timeout: READ_TIMEOUT_MS });
  }

  async readAll(tx: Tx): Promise<BackupTables> {
    const byId = { orderBy: { id: 'asc' as const } };
    const [users, projects, projectMembers, apiKeys, mcpConfigs, mcpServers, guardrailPolicies, toolPins] =
      await Promise.all([
        tx.user.findMany(byId),
        tx.project.findMany(byId),
        tx.projectMember.findMany({ orderBy: [{ projectId: 'asc' }, { userId: 'asc' }] }),
        tx.apiKey.findMany(byId),
        tx.mcpConfig.findMany(byId),
        tx.mcpServer.findMany(byId),
        tx.guardrailPolicy.findMany(byId),
        tx.toolPin.findMany(byId),
      ]);
    return { users, projects, projectMembers, apiKeys, mcpConfigs, mcpServers, guardrailPolicies, toolPins };
  }

  /** Deletes every row of the backed-up tables and inserts the given ones, children last. */
  async replaceAll(tx: Tx, rows: BackupInserts): Promise<void> {
    await tx.toolPin.deleteMany();
    await tx.mcpServer.deleteMany();
    await tx.apiKey.deleteMany();
    await tx.projectMember.deleteMany();
    await tx.project.deleteMany();
    await tx.guardrailPolicy.deleteMany();
    await tx.mcpConfig.deleteMany();
    await tx.user.deleteMany();
    await inChunks(rows.users, (data) => tx.user.createMany({ data }));
    await inChunks(rows.mcpConfigs, (data) => tx.mcpConfig.createMany({ data }));
    await inChunks(rows.guardrailPolicies, (data) => tx.guardrailPolicy.createMany({ data }));
    await inChunks(rows.projects, (data) => tx.project.createMany({ data }));
    await inChunks(rows.projectMembers, (data) => tx.projectMember.createMany({ data }));
    await inChunks(rows.apiKeys, (data) => tx.apiKey.createMany({ data }));
    await inChunks(rows.mcpServers, (data) => tx.mcpServer.createMany({ data }));
    await inChunks(rows.toolPins, (data) => tx.toolPin.createMany({ data }));
  }
}

async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) await insert(rows.slice(start, start + CHUNK));
}
