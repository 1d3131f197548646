import type { Change } from '@bastion/contracts';
import type { Tx } from '@bastion/db';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { toPage } from '../http/pagination';
import { ConfigWriter } from '../outbox/config-writer';
import { toProjectEntry } from '../outbox/snapshot-entries';
import type {
  CreateProjectDto,
  ListProjectsQueryDto,
  ProjectDto,
  ProjectPageDto,
  UpdateProjectDto,
} from './dto/project.dto';
import { ProjectsRepository, type ProjectFields, type ProjectRow } from './projects.repository';

/** The outcome of an upsert: whether the project was created, and the project. */
export interface UpsertedProject {
  created: boolean;
  project: ProjectDto;
}

/** Projects: what a gateway key belongs to, and which MCP config it serves. */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly writer: ConfigWriter,
  ) {}

  create(input: CreateProjectDto): Promise<ProjectDto> {
    return this.writer.write(async (tx) => {
      await this.requireFreeName(tx, input.name);
      await this.requireConfig(tx, input.mcpConfigId);
      const row = await this.projects.create(tx, input);
      return { result: toProjectDto(row), changes: [projectChange(row)] };
    });
  }

  /** Creates the project, or updates the one with the same name (fields left out stay as they are). */
  upsert(input: CreateProjectDto): Promise<UpsertedProject> {
    return this.writer.write<UpsertedProject>(async (tx) => {
      const existing = await this.projects.findByName(tx, input.name);
      if (!existing) {
        await this.requireConfig(tx, input.mcpConfigId);
        const row = await this.projects.create(tx, input);
        return { result: { created: true, project: toProjectDto(row) }, changes: [projectChange(row)] };
      }
      const changed = changedFields(existing, input);
      if (Object.keys(changed).length === 0) {
        return { result: { created: false, project: toProjectDto(existing) }, changes: [] };
      }
      await this.requireConfig(tx, changed.mcpConfigId);
      const row = await this.projects.update(tx, existing.id, changed);
      return { result: { created: false, project: toProjectDto(row) }, changes: [projectChange(row)] };
    });
  }

  get(id: string): Promise<ProjectDto> {
    return this.writer.read(async (tx) => toProjectDto(await this.require(tx, id)));
  }

  list(query: ListProjectsQueryDto): Promise<ProjectPageDto> {
    return this.writer.read(async (tx) =>
      toPage(await this.projects.list(tx, query), query.limit, toProjectDto),
    );
  }

  /** Renames, describes, or assigns (`mcpConfigId`) / unassigns (`null`) the project's MCP config. */
  update(id: string, input: UpdateProjectDto): Promise<ProjectDto> {
    return this.writer.write(async (tx) => {
      const existing = await this.require(tx, id);
      if (input.name !== undefined && input.name !== existing.name)
        await this.requireFreeName(tx, input.name);
      await this.requireConfig(tx, input.mcpConfigId);
      const row = await this.projects.update(tx, id, input);
      return { result: toProjectDto(row), changes: [projectChange(row)] };
    });
  }

  /** Deletes the project with its memberships and gateway keys; its keys stop working everywhere. */
  remove(id: string): Promise<void> {
    return this.writer.write(async (tx) => {
      await this.require(tx, id);
      const keyIds = await this.projects.delete(tx, id);
      const changes: Change[] = keyIds.map((keyId) => ({ op: 'delete', entity: 'keys', id: keyId }));
      changes.push({ op: 'delete', entity: 'projects', id });
      return { result: undefined, changes };
    });
  }

  private async require(tx: Tx, id: string): Promise<ProjectRow> {
    const project = await this.projects.findById(tx, id);
    if (!project) throw new NotFoundException(`Project ${id} was not found.`);
    return project;
  }

  private async requireFreeName(tx: Tx, name: string): Promise<void> {
    if (await this.projects.findByName(tx, name)) {
      throw new ConflictException(`A project named ${name} already exists.`);
    }
  }

  private async requireConfig(tx: Tx, mcpConfigId: string | null | undefined): Promise<void> {
    if (mcpConfigId && !(await this.projects.configExists(tx, mcpConfigId))) {
      throw new NotFoundException(`MCP config ${mcpConfigId} was not found.`);
    }
  }
}

/** The fields of `input` that differ from the stored row. */
function changedFields(row: ProjectRow, input: CreateProjectDto): ProjectFields {
  const changed: ProjectFields = {};
  if (input.description !== undefined && input.description !== row.description)
    changed.description = input.description;
  if (input.mcpConfigId !== undefined && input.mcpConfigId !== row.mcpConfigId)
    changed.mcpConfigId = input.mcpConfigId;
  return changed;
}

function projectChange(row: ProjectRow): Change {
  return { op: 'upsert', entity: 'projects', id: row.id, data: toProjectEntry(row) };
}

export function toProjectDto(row: ProjectRow): ProjectDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    mcpConfigId: row.mcpConfigId,
    memberCount: row._count.members,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
