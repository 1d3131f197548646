import type { Prisma, ProjectModel, Tx } from '@bastion/db';
import { Injectable } from '@nestjs/common';
import { pageArgs } from '../http/pagination';
import type { ListProjectsQueryDto } from './dto/project.dto';

/** A project row with its member count. */
export type ProjectRow = ProjectModel & { _count: { members: number } };

/** Writable project columns; undefined leaves a column unchanged. */
export interface ProjectFields {
  name?: string | undefined;
  description?: string | null | undefined;
  mcpConfigId?: string | null | undefined;
}

const withCount = { _count: { select: { members: true } } } as const;

/** Projects in Postgres. Every method takes the transaction it runs in. */
@Injectable()
export class ProjectsRepository {
  findById(tx: Tx, id: string): Promise<ProjectRow | null> {
    return tx.project.findUnique({ where: { id }, include: withCount });
  }

  findByName(tx: Tx, name: string): Promise<ProjectRow | null> {
    return tx.project.findUnique({ where: { name }, include: withCount });
  }

  list(tx: Tx, query: ListProjectsQueryDto): Promise<ProjectRow[]> {
    const page = pageArgs(query);
    const filters: Prisma.ProjectWhereInput[] = [page.where];
    if (query.q) filters.push({ name: { contains: query.q, mode: 'insensitive' } });
    if (query.mcpConfigId) filters.push({ mcpConfigId: query.mcpConfigId });
    return tx.project.findMany({ ...page, where: { AND: filters }, include: withCount });
  }

  create(tx: Tx, data: ProjectFields & { name: string }): Promise<ProjectRow> {
    return tx.project.create({
      data: { name: data.name, description: data.description ?? null, mcpConfigId: data.mcpConfigId ?? null },
      include: withCount,
    });
  }

  update(tx: Tx, id: string, data: ProjectFields): Promise<ProjectRow> {
    return tx.project.update({ where: { id }, data, include: withCount });
  }

  /** Deletes the project and returns the ids of the gateway keys that went with it (cascade). */
  async delete(tx: Tx, id: string): Promise<string[]> {
    const keys = await tx.apiKey.findMany({
      where: { projectId: id, kind: 'gateway' },
      select: { id: true },
    });
    await tx.project.delete({ where: { id } });
    return keys.map((key) => key.id);
  }

  async configExists(tx: Tx, id: string): Promise<boolean> {
    return (await tx.mcpConfig.count({ where: { id } })) > 0;
  }
}
