import type { MemberRole, Tx } from '@bastion/db';
import { Injectable, NotFoundException } from '@nestjs/common';
import { ConfigWriter } from '../outbox/config-writer';
import { UsersRepository } from '../users/users.repository';
import type { AddProjectMemberDto, ProjectMemberDto, ProjectMemberListDto } from './dto/project-member.dto';
import { ProjectMembersRepository, type MemberRow } from './project-members.repository';
import { ProjectsRepository } from './projects.repository';

/**
 * Who belongs to a project, and in which role. Workers do not serve memberships, so these writes
 * publish nothing (plain transactions, no outbox rows).
 */
@Injectable()
export class ProjectMembersService {
  constructor(
    private readonly members: ProjectMembersRepository,
    private readonly projects: ProjectsRepository,
    private readonly users: UsersRepository,
    private readonly writer: ConfigWriter,
  ) {}

  /** Adds the user, or changes the role of an existing member (role left out: unchanged). */
  add(
    projectId: string,
    input: AddProjectMemberDto,
  ): Promise<{ created: boolean; member: ProjectMemberDto }> {
    return this.writer.read(async (tx) => {
      await this.requireProject(tx, projectId);
      if (!(await this.users.findById(tx, input.userId))) {
        throw new NotFoundException(`User ${input.userId} was not found.`);
      }
      const existing = await this.members.find(tx, projectId, input.userId);
      if (!existing) {
        const row = await this.members.create(tx, projectId, input.userId, input.role ?? 'member');
        return { created: true, member: toProjectMemberDto(row) };
      }
      if (input.role === undefined || input.role === existing.role) {
        return { created: false, member: toProjectMemberDto(existing) };
      }
      const row = await this.members.updateRole(tx, projectId, input.userId, input.role);
      return { created: false, member: toProjectMemberDto(row) };
    });
  }

  list(projectId: string): Promise<ProjectMemberListDto> {
    return this.writer.read(async (tx) => {
      await this.requireProject(tx, projectId);
      return { items: (await this.members.list(tx, projectId)).map(toProjectMemberDto) };
    });
  }

  updateRole(projectId: string, userId: string, role: MemberRole): Promise<ProjectMemberDto> {
    return this.writer.read(async (tx) => {
      await this.requireMember(tx, projectId, userId);
      return toProjectMemberDto(await this.members.updateRole(tx, projectId, userId, role));
    });
  }

  remove(projectId: string, userId: string): Promise<void> {
    return this.writer.read(async (tx) => {
      await this.requireMember(tx, projectId, userId);
      await this.members.delete(tx, projectId, userId);
    });
  }

  private async requireProject(tx: Tx, projectId: string): Promise<void> {
    if (!(await this.projects.findById(tx, projectId))) {
      throw new NotFoundException(`Project ${projectId} was not found.`);
    }
  }

  private async requireMember(tx: Tx, projectId: string, userId: string): Promise<void> {
    await this.requireProject(tx, projectId);
    if (!(await this.members.find(tx, projectId, userId))) {
      throw new NotFoundException(`User ${userId} is not a member of project ${projectId}.`);
    }
  }
}

export function toProjectMemberDto(row: MemberRow): ProjectMemberDto {
  return {
    projectId: row.projectId,
    userId: row.userId,
    email: row.user.email,
    name: row.user.name,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
