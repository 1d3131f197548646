import { randomBytes } from 'node:crypto';

/** Where the real services for tests are; `.ci/run` exports these, the defaults match a dev machine. */
export const TEST_DATABASE_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres:postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A short random suffix for database names and Redis prefixes. */
export function uniqueSuffix(): string {
  return randomBytes(6).toString('hex');
}

/** The URL of another database on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
