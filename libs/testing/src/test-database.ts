import { applyMigrations } from '@bastion/db';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { TEST_DATABASE_URL, databaseUrl, uniqueSuffix } from './test-services';

const MIGRATIONS_DIR = join(__dirname, '../../../prisma/migrations');
const TEMPLATE_LOCK = 727_001;

/** Name of the migrated template database, unique per migrations content. */
function templateName(): string {
  const hash = createHash('sha256');
  for (const entry of readdirSync(MIGRATIONS_DIR).sort()) {
    if (entry.endsWith('.toml')) continue;
    hash.update(entry).update(readFileSync(join(MIGRATIONS_DIR, entry, 'migration.sql')));
  }
  return `bastion_template_${hash.digest('hex').slice(0, 12)}`;
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates (once, under a lock) a template database with every migration applied. */
export async function ensureTemplateDatabase(): Promise<string> {
  const name = templateName();
  await withAdmin(async (admin) => {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount) return;
      await admin.query(`CREATE DATABASE "${name}_tmp"`);
      await applyMigrations({ databaseUrl: databaseUrl(`${name}_tmp`), migrationsDir: MIGRATIONS_DIR });
      await admin.query(`ALTER DATABASE "${name}_tmp" RENAME TO "${name}"`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return name;
}

/** A fresh, migrated database of its own for one test file; drop it when done. */
export async function createTestDatabase(): Promise<{
  url: string;
  name: string;
  drop: () => Promise<void>;
}> {
  const template = await ensureTemplateDatabase();
  const name = `bastion_test_${uniqueSuffix()}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    url: databaseUrl(name),
    name,
    drop: () =>
      withAdmin(async (admin) => void (await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}
