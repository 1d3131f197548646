import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { databaseNameOf, describeUrl, quoteIdent, withDatabase } from './pg-url.util';
import type { LogFn } from './migrate.types';

const CONNECT_TIMEOUT_MS = 10_000;
const INVALID_CATALOG_NAME = '3D000';
const DUPLICATE_DATABASE = '42P04';
/** A concurrent CREATE DATABASE of the same name can also lose on pg_database's unique index. */
const UNIQUE_VIOLATION = '23505';

/** Runs `work` on a short-lived connection to `url`. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Cannot connect to ${describeUrl(url)}: ${messageOf(error)}`, { cause: error });
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates the database named in `url` when connecting fails with "database does not exist".
 * Servers with a single database (PGlite) simply connect, so they never reach CREATE DATABASE.
 */
export async function ensureDatabaseExists(url: string, log: LogFn): Promise<void> {
  try {
    await withClient(url, () => Promise.resolve());
    return;
  } catch (error) {
    if (codeOf(error) !== INVALID_CATALOG_NAME) throw error;
  }
  const name = databaseNameOf(url);
  await withClient(withDatabase(url, 'postgres'), async (client) => {
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
      log(`Created database ${describeUrl(url)}`);
    } catch (error) {
      const code = codeOf(error);
      if (code !== DUPLICATE_DATABASE && code !== UNIQUE_VIOLATION) throw error;
    }
  });
}

/** Creates an empty `bastion_shadow_<random>` database next to `hostUrl` and returns its name. */
export async function createTemporaryDatabase(hostUrl: string): Promise<string> {
  const name = `bastion_shadow_${randomBytes(6).toString('hex')}`;
  await withClient(hostUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return name;
}

/** Drops a database even if connections are still open (PostgreSQL 13+). */
export async function dropDatabase(hostUrl: string, name: string): Promise<void> {
  await withClient(hostUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
  );
}

/** Empties a dedicated shadow database by recreating its `public` schema. */
export async function wipePublicSchema(url: string): Promise<void> {
  await withClient(url, (client) =>
    client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;'),
  );
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function codeOf(error: unknown): unknown {
  const cause = error instanceof Error ? (error.cause ?? error) : error;
  return (cause as { code?: unknown } | null)?.code;
}
