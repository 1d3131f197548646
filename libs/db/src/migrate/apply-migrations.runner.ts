import { stat } from 'node:fs/promises';
import { ensureDatabaseExists } from './database-admin.util';
import { engineErrorText, failedMigrationName } from './engine-error.util';
import type { ApplyMigrationsOptions, ApplyMigrationsResult } from './migrate.types';
import { readMigrationsList } from './migrations-dir.reader';
import { describeUrl } from './pg-url.util';
import { SchemaEngineAdapterFactory } from './schema-engine-adapter.factory';
import { NO_FILTERS, withSchemaEngine } from './schema-engine.session';

/**
 * Applies every pending migration in `migrationsDir`, in order, and records each one in
 * `_prisma_migrations` exactly like `prisma migrate deploy` (the same engine code computes the
 * checksums). Creates the database when it does not exist. Running it again applies nothing.
 *
 * @throws Error naming the failed migration and the database error; nothing is retried.
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<ApplyMigrationsResult> {
  const log = options.log ?? (() => undefined);
  await assertDirectory(options.migrationsDir);
  const migrationsList = await readMigrationsList(options.migrationsDir);
  await ensureDatabaseExists(options.databaseUrl, log);
  const factory = new SchemaEngineAdapterFactory(options.databaseUrl, log);
  try {
    const output = await withSchemaEngine({ factory, log }, (engine) =>
      engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
    );
    return { applied: output.appliedMigrationNames };
  } catch (error) {
    throw new Error(describeFailure(error, options.databaseUrl), { cause: error });
  }
}

function describeFailure(error: unknown, databaseUrl: string): string {
  const migration = failedMigrationName(error);
  const where = describeUrl(databaseUrl);
  if (migration) return `Migration ${migration} failed on ${where}: ${engineErrorText(error)}`;
  return `Applying migrations to ${where} failed: ${engineErrorText(error)}`;
}

async function assertDirectory(path: string): Promise<void> {
  const isDirectory = await stat(path).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  if (!isDirectory) throw new Error(`Migrations folder not found: ${path}`);
}
