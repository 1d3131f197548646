import type { MemberRole, ProjectMemberModel, Tx, UserModel } from '@bastion/db';
import { Injectable } from '@nestjs/common';

/** A membership with the user it belongs to. */
export type MemberRow = ProjectMemberModel & { user: UserModel };

const withUser = { user: true } as const;

/** Project memberships in Postgres. Every method takes the transaction it runs in. */
@Injectable()
export class ProjectMembersRepository {
  find(tx: Tx, projectId: string, userId: string): Promise<MemberRow | null> {
    return tx.projectMember.findUnique({
      where: { projectId_userId: { projectId, userId } },
      include: withUser,
    });
  }

  /** Every member of the project, earliest first. */
  list(tx: Tx, projectId: string): Promise<MemberRow[]> {
    return tx.projectMember.findMany({
      where: { projectId },
      orderBy: [{ createdAt: 'asc' }, { userId: 'asc' }],
      include: withUser,
    });
  }

  create(tx: Tx, projectId: string, userId: string, role: MemberRole): Promise<MemberRow> {
    return tx.projectMember.create({ data: { projectId, userId, role }, include: withUser });
  }

  updateRole(tx: Tx, projectId: string, userId: string, role: MemberRole): Promise<MemberRow> {
    return tx.projectMember.update({
      where: { projectId_userId: { projectId, userId } },
      data: { role },
      include: withUser,
    });
  }

  async delete(tx: Tx, projectId: string, userId: string): Promise<void> {
    await tx.projectMember.delete({ where: { projectId_userId: { projectId, userId } } });
  }
}
