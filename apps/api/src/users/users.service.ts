import type { UserModel } from '@bastion/db';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { toPage } from '../http/pagination';
import { ConfigWriter } from '../outbox/config-writer';
import type { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserDto, UserPageDto } from './dto/user.dto';
import { UsersRepository } from './users.repository';

/** Users: people who own gateway keys and belong to projects. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly writer: ConfigWriter,
  ) {}

  create(input: CreateUserDto): Promise<UserDto> {
    return this.writer.read(async (tx) => {
      if (await this.users.findByEmail(tx, input.email)) {
        throw new ConflictException(`A user with e-mail ${input.email} already exists.`);
      }
      return toUserDto(await this.users.create(tx, input));
    });
  }

  /** Creates the user, or updates the one with the same e-mail address. */
  upsert(input: CreateUserDto): Promise<{ created: boolean; user: UserDto }> {
    return this.writer.read(async (tx) => {
      const existing = await this.users.findByEmail(tx, input.email);
      if (!existing) return { created: true, user: toUserDto(await this.users.create(tx, input)) };
      if (input.name === undefined || input.name === existing.name)
        return { created: false, user: toUserDto(existing) };
      return {
        created: false,
        user: toUserDto(await this.users.update(tx, existing.id, { name: input.name })),
      };
    });
  }

  get(id: string): Promise<UserDto> {
    return this.writer.read(async (tx) => toUserDto(await this.require(tx, id)));
  }

  list(query: ListUsersQueryDto): Promise<UserPageDto> {
    return this.writer.read(async (tx) => toPage(await this.users.list(tx, query), query.limit, toUserDto));
  }

  update(id: string, input: UpdateUserDto): Promise<UserDto> {
    return this.writer.read(async (tx) => {
      await this.require(tx, id);
      const clash = input.email ? await this.users.findByEmail(tx, input.email) : null;
      if (clash && clash.id !== id)
        throw new ConflictException(`A user with e-mail ${input.email} already exists.`);
      return toUserDto(await this.users.update(tx, id, input));
    });
  }

  /** Deletes the user with their memberships and keys; their keys stop working everywhere. */
  remove(id: string): Promise<void> {
    return this.writer.write(async (tx) => {
      await this.require(tx, id);
      const keyIds = await this.users.delete(tx, id);
      return {
        result: undefined,
        changes: keyIds.map((keyId) => ({ op: 'delete', entity: 'keys', id: keyId })),
      };
    });
  }

  private async require(tx: Parameters<UsersRepository['findById']>[0], id: string): Promise<UserModel> {
    const user = await this.users.findById(tx, id);
    if (!user) throw new NotFoundException(`User ${id} was not found.`);
    return user;
  }
}

export function toUserDto(row: UserModel): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
