export { recordChanges, type Tx } from './config-outbox';
export { DbModule } from './db.module';
export { Prisma } from './generated/prisma/client';
export * from './generated/prisma/enums';
export type * from './generated/prisma/models';
export { PrismaService } from './prisma.service';
export { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';
export {
  applyMigrations,
  createMigration,
  type ApplyMigrationsOptions,
  type CreateMigrationOptions,
} from './migrate';
