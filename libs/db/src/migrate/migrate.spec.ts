import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withClient } from './database-admin.util';
import { applyMigrations, createMigration } from './index';
import { quoteIdent, withDatabase } from './pg-url.util';

const ADMIN_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres:postgres@127.0.0.1:5432/postgres';
const ROOT = resolve(__dirname, '../../../..');
const MIGRATIONS_DIR = join(ROOT, 'prisma/migrations');
const SCHEMA_PATH = join(ROOT, 'prisma/schema.prisma');

const scratchName = `bastion_scratch_${randomBytes(4).toString('hex')}`;
const scratchUrl = withDatabase(ADMIN_URL, scratchName);
let tempDir = '';

async function query<T>(sql: string): Promise<T[]> {
  return withClient(scratchUrl, async (client) => (await client.query(sql)).rows as T[]);
}

async function migrationFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function shadowDatabases(): Promise<string[]> {
  return withClient(ADMIN_URL, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'bastion_shadow_%'",
    );
    return rows.map((row) => row.datname);
  });
}

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'bastion-migrate-spec-'));
});

afterAll(async () => {
  await withClient(ADMIN_URL, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(scratchName)} WITH (FORCE)`),
  );
  await rm(tempDir, { recursive: true, force: true });
});

describe('applyMigrations', () => {
  it('creates the database, applies every migration and records it like prisma migrate deploy', async () => {
    const expected = await migrationFolders(MIGRATIONS_DIR);
    const lines: string[] = [];

    const { applied } = await applyMigrations({
      databaseUrl: scratchUrl,
      migrationsDir: MIGRATIONS_DIR,
      log: (line) => lines.push(line),
    });

    expect(applied).toEqual(expected);
    expect(lines).toContain(`Applying ${expected[0]}`);
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished: boolean;
      rolled_back_at: Date | null;
    }>(
      'SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(expected);
    for (const row of rows)
      expect(row).toMatchObject({
        finished: true,
        rolled_back_at: null,
        checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    const tables = await query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.map((table) => table.table_name)).toEqual(
      expect.arrayContaining([
        'users',
        'projects',
        'api_keys',
        'mcp_servers',
        'config_state',
        'config_outbox',
        'audit_events',
      ]),
    );
    expect(await query('SELECT id, version::text FROM config_state')).toEqual([{ id: 1, version: '0' }]);
  });

  it('applies nothing the second time', async () => {
    const { applied } = await applyMigrations({ databaseUrl: scratchUrl, migrationsDir: MIGRATIONS_DIR });

    expect(applied).toEqual([]);
    expect(await query('SELECT 1 FROM _prisma_migrations')).toHaveLength(
      (await migrationFolders(MIGRATIONS_DIR)).length,
    );
  });

  it('runs plpgsql bodies whole and names a failing migration with its SQL error', async () => {
    const dir = join(tempDir, 'migrations');
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    await addMigration(
      dir,
      '99990101000000_plpgsql',
      'CREATE FUNCTION spec_answer() RETURNS int AS $$ BEGIN RETURN 42; END; $$ LANGUAGE plpgsql;\n',
    );
    await addMigration(dir, '99990102000000_broken', 'CREATE TABLE spec_half_done (id int);\nSELEC 1;\n');

    const failure = applyMigrations({ databaseUrl: scratchUrl, migrationsDir: dir });

    await expect(failure).rejects.toThrow(
      /Migration 99990102000000_broken failed on .*syntax error at or near "SELEC"/s,
    );
    expect(await query('SELECT spec_answer() AS answer')).toEqual([{ answer: 42 }]);
    const broken = await query(
      "SELECT finished_at FROM _prisma_migrations WHERE migration_name = '99990102000000_broken'",
    );
    expect(broken).toEqual([{ finished_at: null }]);
  });

  it('fails clearly when the migrations folder does not exist', async () => {
    await expect(
      applyMigrations({ databaseUrl: scratchUrl, migrationsDir: join(tempDir, 'missing') }),
    ).rejects.toThrow(/Migrations folder not found/);
  });
});

describe('createMigration', () => {
  it('returns null and writes nothing when the schema matches the migrations', async () => {
    const before = await migrationFolders(MIGRATIONS_DIR);
    const shadowsBefore = await shadowDatabases();

    const result = await createMigration({
      databaseUrl: ADMIN_URL,
      schemaPath: SCHEMA_PATH,
      migrationsDir: MIGRATIONS_DIR,
      name: 'nothing_changed',
    });

    expect(result).toEqual({ path: null });
    expect(await migrationFolders(MIGRATIONS_DIR)).toEqual(before);
    expect(await shadowDatabases()).toEqual(shadowsBefore);
  });

  it('rejects a name that is not snake_case before touching anything', async () => {
    const attempt = createMigration({
      databaseUrl: ADMIN_URL,
      schemaPath: SCHEMA_PATH,
      migrationsDir: MIGRATIONS_DIR,
      name: 'Add-Users',
    });

    await expect(attempt).rejects.toThrow(/Invalid migration name "Add-Users"/);
  });
});

async function addMigration(dir: string, folder: string, sql: string): Promise<void> {
  await mkdir(join(dir, folder));
  await writeFile(join(dir, folder, 'migration.sql'), sql);
}
