import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../generated/prisma/client';
import { applyMigrations, createMigration } from '../migrate';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './index';

const ROOT = resolve(__dirname, '../../../..');
const MIGRATIONS_DIR = join(ROOT, 'prisma/migrations');

let dataDir = '';
let embedded: EmbeddedPostgres | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bastion-embedded-spec-'));
  embedded = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg') });
});

afterAll(async () => {
  await embedded?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('startEmbeddedPostgres', () => {
  it('serves a database that the schema engine and Prisma Client can use', async () => {
    const url = embedded!.url;
    expect(url).toMatch(/^postgresql:\/\/postgres:postgres@127\.0\.0\.1:\d+\/postgres$/);

    // PGlite is Postgres 18: replaying the history there exercises the describer's "char" columns.
    const unchanged = await createMigration({
      databaseUrl: url,
      shadowDatabaseUrl: url,
      schemaPath: join(ROOT, 'prisma/schema.prisma'),
      migrationsDir: MIGRATIONS_DIR,
      name: 'nothing_changed',
    });
    const { applied } = await applyMigrations({ databaseUrl: url, migrationsDir: MIGRATIONS_DIR });

    expect(unchanged).toEqual({ path: null });
    expect(applied.length).toBeGreaterThan(0);
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      const user = await prisma.user.create({ data: { email: 'first-look@example.com' } });
      expect(await prisma.user.findUnique({ where: { email: 'first-look@example.com' } })).toMatchObject({
        id: user.id,
      });
      expect(await prisma.configState.findUnique({ where: { id: 1 } })).toEqual({ id: 1, version: 0n });
    } finally {
      await prisma.$disconnect();
    }
  });
});
