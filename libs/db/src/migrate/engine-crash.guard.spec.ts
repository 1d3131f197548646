import { describe, expect, it } from 'vitest';
import { applyMigrations } from './apply-migrations.runner';
import { SchemaEngineAdapterFactory } from './schema-engine-adapter.factory';
import { withSchemaEngine } from './schema-engine.session';

// Its own file: a crashed engine stays unusable for the rest of the process (vitest isolates files).
const ADMIN_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres:postgres@127.0.0.1:5432/postgres';

describe('schema engine crash guard', () => {
  it('turns a Rust panic into a rejection with the panic message and refuses later work', async () => {
    const lines: string[] = [];
    const log = (line: string): void => void lines.push(line);

    const session = withSchemaEngine(
      { factory: new SchemaEngineAdapterFactory(ADMIN_URL, log), log },
      (engine) => Promise.resolve().then(() => engine.debugPanic()),
    );

    await expect(session).rejects.toThrow(/schema engine panicked: .*debugPanic artificial panic/s);
    expect(lines.some((line) => line.startsWith('Fatal: the schema engine panicked'))).toBe(true);
    await expect(applyMigrations({ databaseUrl: ADMIN_URL, migrationsDir: __dirname })).rejects.toThrow(
      /restart the process/,
    );
  });
});
