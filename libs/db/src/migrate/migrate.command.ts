// `npm run db:migrate`: applies pending migrations from prisma/migrations to DATABASE_URL.
import { resolve } from 'node:path';
import { applyMigrations } from './apply-migrations.runner';

const MIGRATIONS_DIR = resolve(__dirname, '../../../../prisma/migrations');

async function main(): Promise<number> {
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) {
    process.stderr.write(
      'DATABASE_URL is not set. Point it at the PostgreSQL database to migrate, e.g.\n' +
        '  DATABASE_URL=postgresql://user:password@localhost:5432/bastion npm run db:migrate\n' +
        'Without a database, `npm start` runs an embedded PostgreSQL and migrates it itself.\n',
    );
    return 1;
  }
  const started = Date.now();
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const { applied } = await applyMigrations({ databaseUrl, migrationsDir: MIGRATIONS_DIR, log });
  const took = `${Date.now() - started} ms`;
  process.stdout.write(
    applied.length === 0
      ? `No pending migrations (${took}).\n`
      : `Applied ${applied.length} migration(s) in ${took}:\n${applied.map((name) => `  ${name}\n`).join('')}`,
  );
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
