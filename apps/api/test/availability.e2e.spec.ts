// When Postgres goes away under a running api, requests get a clean 503 and /readyz says why;
// nothing answers with a stack trace. Postgres here is a real (embedded, wasm) server we can stop.
import { applyMigrations, startEmbeddedPostgres, type EmbeddedPostgres } from '@bastion/db';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from './api-harness';

describe('api availability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bastion-availability-'));
  let postgres: EmbeddedPostgres;
  let api: ApiHarness;

  beforeAll(async () => {
    postgres = await startEmbeddedPostgres({ dataDir });
    await applyMigrations({
      databaseUrl: postgres.url,
      migrationsDir: join(__dirname, '../../../prisma/migrations'),
    });
    api = await startApi({ DATABASE_URL: postgres.url });
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves while Postgres is up', async () => {
    expect((await api.request('GET', '/api/v1/users')).status).toBe(200);
    expect((await api.request('GET', '/readyz', { key: null })).status).toBe(200);
  });

  it('answers 503 without internals when Postgres is down, and /readyz names it', async () => {
    await postgres.stop();
    const users = await api.request('GET', '/api/v1/users');
    expect(users.status).toBe(503);
    expect(users.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'The database is unavailable. Try again shortly.',
    });
    const ready = await api.request('GET', '/readyz', { key: null });
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('unavailable');
    expect(ready.body.checks.postgres.ok).toBe(false);
    expect(ready.body.checks.redis.ok).toBe(true);
    expect(ready.body.checks.queue.ok).toBe(true);
    expect((await api.request('GET', '/healthz', { key: null })).status).toBe(200);
  });
});
