export { applyMigrations } from './apply-migrations.runner';
export { createMigration } from './create-migration.runner';
export type {
  ApplyMigrationsOptions,
  ApplyMigrationsResult,
  CreateMigrationOptions,
  CreateMigrationResult,
  LogFn,
} from './migrate.types';
