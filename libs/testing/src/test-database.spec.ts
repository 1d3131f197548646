import { Client } from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from './test-database';

describe(createTestDatabase.name, () => {
  it('gives each caller its own migrated database and drops it', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    expect(a.name).not.toBe(b.name);
    const client = new Client({ connectionString: a.url });
    await client.connect();
    const state = await client.query('SELECT version::int AS v FROM config_state');
    expect(state.rows).toEqual([{ v: 0 }]);
    await client.end();
    await Promise.all([a.drop(), b.drop()]);
    const probe = new Client({ connectionString: a.url });
    await expect(probe.connect()).rejects.toThrow(/does not exist/);
  });
});
