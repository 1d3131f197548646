import { ConfigError, type AppConfig } from '@bastion/config';
import { generateMasterKey, parseMasterKey } from '@bastion/crypto';
import { applyMigrations, startEmbeddedPostgres } from '@bastion/db';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'winston';
import type { ApiRuntime } from './api-runtime';

const MIGRATIONS_DIR = join(__dirname, '../../../../prisma/migrations');

/** The runtime plus whatever must be stopped on shutdown (the embedded database). */
export interface ResolvedRuntime {
  runtime: ApiRuntime;
  embedded: { database: boolean; redis: boolean };
  stop(): Promise<void>;
}

/**
 * Turns configuration into a runtime: uses DATABASE_URL/REDIS_URL when set, otherwise embedded
 * stand-ins for a first look, and brings the database schema up to date.
 */
export async function resolveApiRuntime(config: AppConfig, logger: Logger): Promise<ResolvedRuntime> {
  const dataDir = resolve(config.dataDir);
  let stopDatabase = (): Promise<void> => Promise.resolve();
  let databaseUrl: string;
  if (config.database.url) {
    databaseUrl = config.database.url;
  } else {
    if (!config.security.masterKey) mkdirSync(dataDir, { recursive: true });
    const embedded = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pglite'), host: '127.0.0.1' });
    databaseUrl = embedded.url;
    stopDatabase = () => embedded.stop();
    logger.warn(
      'DATABASE_URL is not set: using an embedded PGlite database (first look only, not for production)',
      {
        path: join(dataDir, 'pglite'),
      },
    );
  }
  if (!config.redis.url) {
    logger.warn(
      'REDIS_URL is not set: using an in-process Redis stand-in (single process only, not for production)',
    );
  }
  const masterKey = config.security.masterKey ?? firstLookMasterKey(config, dataDir, logger);
  const { applied } = await applyMigrations({ databaseUrl, migrationsDir: MIGRATIONS_DIR });
  if (applied.length > 0) logger.info('database migrations applied', { migrations: applied });
  return {
    runtime: { config, databaseUrl, masterKey, logger },
    embedded: { database: !config.database.url, redis: !config.redis.url },
    stop: stopDatabase,
  };
}

/** Without DATABASE_URL a generated key in the data dir is fine; with a real database it is not. */
function firstLookMasterKey(config: AppConfig, dataDir: string, logger: Logger): Buffer {
  if (config.database.url) {
    throw new ConfigError([
      'BASTION_MASTER_KEY: required when DATABASE_URL is set (32 bytes as hex or base64, e.g. `openssl rand -base64 32`)',
    ]);
  }
  const file = join(dataDir, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, generateMasterKey() + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
    logger.warn('BASTION_MASTER_KEY is not set: generated one for this first-look install', { path: file });
  }
  const key = parseMasterKey(readFileSync(file, 'utf8'));
  if (!key)
    throw new ConfigError([
      `BASTION_MASTER_KEY: the key in ${file} is unreadable; delete the file to start over`,
    ]);
  return key;
}
