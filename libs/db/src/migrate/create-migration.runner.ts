import { readFile } from 'node:fs/promises';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { engineErrorText } from './engine-error.util';
import type { CreateMigrationOptions, CreateMigrationResult } from './migrate.types';
import { assertMigrationName, migrationFolderName, writeMigration } from './migration.writer';
import { readMigrationsList } from './migrations-dir.reader';
import { SchemaEngineAdapterFactory, type ShadowDatabaseSource } from './schema-engine-adapter.factory';
import { NO_FILTERS, withSchemaEngine } from './schema-engine.session';
import type { SchemaEngine } from './wasm-engine.loader';

/** `diff` reports exit code 2 when the two sides differ (with `exitCode: true`). */
const DIFF_HAS_CHANGES = 2;

/**
 * Writes `<migrationsDir>/<UTC timestamp>_<name>/migration.sql` with the SQL that takes the
 * database from the existing migrations to the schema file, like `prisma migrate dev --create-only`.
 * The migrations are replayed on a shadow database (see {@link CreateMigrationOptions}).
 *
 * @returns `{ path: null }`, writing nothing, when the schema already matches the migrations.
 */
export async function createMigration(options: CreateMigrationOptions): Promise<CreateMigrationResult> {
  assertMigrationName(options.name);
  const log = options.log ?? (() => undefined);
  const schema = await readFile(options.schemaPath, 'utf8');
  const migrationsList = await readMigrationsList(options.migrationsDir);
  const factory = new SchemaEngineAdapterFactory(options.databaseUrl, log, shadowSource(options));
  const datamodels: [string, string][] = [[options.schemaPath, schema]];
  const script = await withSchemaEngine({ factory, log, datamodels }, (engine) =>
    diffToSchema(engine, migrationsList, options.schemaPath, schema),
  ).catch((error: unknown) => {
    throw new Error(`Could not create migration ${options.name}: ${engineErrorText(error)}`, {
      cause: error,
    });
  });
  if (script === null) return { path: null };
  const folder = migrationFolderName(options.name, new Date());
  return { path: await writeMigration(options.migrationsDir, folder, script) };
}

function shadowSource(options: CreateMigrationOptions): ShadowDatabaseSource {
  if (options.shadowDatabaseUrl) return { kind: 'dedicated', url: options.shadowDatabaseUrl };
  return { kind: 'temporary', hostUrl: options.databaseUrl };
}

async function diffToSchema(
  engine: SchemaEngine,
  migrations: MigrationList,
  path: string,
  content: string,
): Promise<string | null> {
  const result = await engine.diff({
    from: { tag: 'migrations', ...migrations },
    to: { tag: 'schemaDatamodel', files: [{ path, content }] },
    script: true,
    exitCode: true,
    filters: NO_FILTERS,
  });
  return result.exitCode === DIFF_HAS_CHANGES ? (result.stdout ?? '') : null;
}
