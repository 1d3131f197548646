import type { Prisma, Tx, UserModel } from '@bastion/db';
import { Injectable } from '@nestjs/common';
import { pageArgs } from '../http/pagination';
import type { ListUsersQueryDto } from './dto/user.dto';

/** Users in Postgres. Every method takes the transaction it runs in. */
@Injectable()
export class UsersRepository {
  findById(tx: Tx, id: string): Promise<UserModel | null> {
    return tx.user.findUnique({ where: { id } });
  }

  findByEmail(tx: Tx, email: string): Promise<UserModel | null> {
    return tx.user.findUnique({ where: { email } });
  }

  list(tx: Tx, query: ListUsersQueryDto): Promise<UserModel[]> {
    const page = pageArgs(query);
    const filters: Prisma.UserWhereInput[] = [page.where];
    if (query.email) filters.push({ email: query.email.trim().toLowerCase() });
    if (query.q) {
      filters.push({
        OR: [
          { email: { contains: query.q, mode: 'insensitive' } },
          { name: { contains: query.q, mode: 'insensitive' } },
        ],
      });
    }
    return tx.user.findMany({ ...page, where: { AND: filters } });
  }

  create(tx: Tx, data: { email: string; name?: string | undefined }): Promise<UserModel> {
    return tx.user.create({ data: { email: data.email, name: data.name ?? null } });
  }

  update(tx: Tx, id: string, data: { email?: string | undefined; name?: string | null | undefined }) {
    return tx.user.update({ where: { id }, data });
  }

  /** Deletes the user and returns the ids of the gateway keys that went with it (cascade). */
  async delete(tx: Tx, id: string): Promise<string[]> {
    const keys = await tx.apiKey.findMany({ where: { userId: id, kind: 'gateway' }, select: { id: true } });
    await tx.user.delete({ where: { id } });
    return keys.map((key) => key.id);
  }
}
