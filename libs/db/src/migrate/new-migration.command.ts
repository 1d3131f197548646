// `npm run db:migration:new -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// from the difference between the existing migrations and prisma/schema.prisma.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { startEmbeddedPostgres } from '../embedded';
import { createMigration } from './create-migration.runner';
import type { CreateMigrationOptions } from './migrate.types';
import { assertMigrationName } from './migration.writer';

const ROOT = resolve(__dirname, '../../../..');
const USAGE =
  'Usage: npm run db:migration:new -- <name>   (lowercase letters, digits and underscores, e.g. add_user_email)';

async function main(): Promise<number> {
  const name = process.argv[2];
  if (!name) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  assertMigrationName(name);
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const base = {
    name,
    log,
    schemaPath: join(ROOT, 'prisma/schema.prisma'),
    migrationsDir: join(ROOT, 'prisma/migrations'),
  };
  const databaseUrl = process.env['DATABASE_URL'];
  const { path } = databaseUrl
    ? await createMigration({ ...base, databaseUrl })
    : await withEmbeddedShadow(base);
  process.stdout.write(
    path ? `Created ${relative(ROOT, path)}\n` : 'The schema matches the migrations; nothing to create.\n',
  );
  return 0;
}

/** Without DATABASE_URL the shadow database is a throwaway embedded PGlite. */
async function withEmbeddedShadow(
  options: Omit<CreateMigrationOptions, 'databaseUrl'>,
): ReturnType<typeof createMigration> {
  options.log?.('DATABASE_URL is not set; replaying the migrations on a temporary embedded PostgreSQL.');
  const dataDir = await mkdtemp(join(tmpdir(), 'bastion-shadow-'));
  try {
    const embedded = await startEmbeddedPostgres({ dataDir });
    try {
      return await createMigration({
        ...options,
        databaseUrl: embedded.url,
        shadowDatabaseUrl: embedded.url,
      });
    } finally {
      await embedded.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
