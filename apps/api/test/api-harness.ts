import { loadConfig } from '@bastion/config';
import type { Snapshot } from '@bastion/contracts';
import { generateApiKey, generateMasterKey } from '@bastion/crypto';
import { createAppLogger } from '@bastion/observability';
import { TEST_REDIS_URL, createTestDatabase, uniqueSuffix } from '@bastion/testing';
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import type { QueryResult, QueryResultRow } from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createApiApp } from '../src/api.app';
import type { ApiRuntime } from '../src/core/api-runtime';
import { LazyPg, LazyRedis } from './support/lazy-clients';
import { provisioning, type Provisioning } from './support/provisioning';
import { SnapshotReader, type SnapshotCheck } from './support/snapshot-reader';

export { stdioServer, type Created, type IssuedKey } from './support/provisioning';
export type { SnapshotCheck } from './support/snapshot-reader';

/** A JSON response as a test sees it. */
export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  /** Raw body text, sent as is (for malformed JSON tests). */
  rawBody?: string;
  /** Admin key to send; `null` sends none. Defaults to the harness admin key. */
  key?: string | null;
  headers?: Record<string, string>;
}

/**
 * A real control plane on a random port, with its own database and Redis prefix; plus what the specs
 * share: provisioning over the REST API (see support/provisioning.ts), the worker snapshot in Redis,
 * and SQL for the checks that deliberately go behind the API's back (stored ciphertext, cascades).
 * The Postgres and Redis clients open on first use; `close()` ends them with the app.
 */
export interface ApiHarness extends Provisioning {
  baseUrl: string;
  adminKey: string;
  databaseUrl: string;
  redisPrefix: string;
  masterKey: string;
  app: INestApplication;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<TestResponse<T>>;
  /** SQL on the api's own database, straight to Postgres. */
  query<R extends QueryResultRow = any>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  /** The current config version (`config_state`), which moves with every published change. */
  configVersion(): Promise<number>;
  /** The worker snapshot in Redis, checked against snapshotSchema; throws when there is none yet. */
  snapshot(): Promise<Snapshot>;
  /** The worker snapshot as stored (null when there is none), for checks on the raw text. */
  snapshotText(): Promise<string | null>;
  /** Polls the snapshot until `check` neither throws nor returns false; returns that snapshot. */
  waitForSnapshot(check: SnapshotCheck, timeoutMs?: number): Promise<Snapshot>;
  close(): Promise<void>;
}

/** Boots the api against real Postgres and Redis. `env` overrides configuration variables. */
export async function startApi(env: Record<string, string> = {}): Promise<ApiHarness> {
  const database = await createTestDatabase();
  const adminKey = generateApiKey();
  const masterKey = generateMasterKey();
  const redisPrefix = `test:${uniqueSuffix()}:`;
  const config = loadConfig({
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    BASTION_REDIS_PREFIX: redisPrefix,
    BASTION_MASTER_KEY: masterKey,
    BASTION_BOOTSTRAP_ADMIN_KEY: adminKey,
    LOG_LEVEL: 'error',
    OUTBOX_POLL_MS: '200',
    ...env,
  });
  const logger = createAppLogger({ service: 'api', level: config.log.level, file: config.log.file });
  const runtime: ApiRuntime = {
    config,
    databaseUrl: config.database.url!,
    masterKey: config.security.masterKey!,
    logger,
  };
  const app = await createApiApp(runtime);
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

  const request = async <T>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<TestResponse<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? adminKey : options.key;
    if (key) headers['authorization'] = `Bearer ${key}`;
    let payload: string | undefined = options.rawBody;
    if (options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(baseUrl + path, { method, headers, body: payload });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, headers: response.headers, body: body as T, text };
  };

  const pg = new LazyPg(runtime.databaseUrl);
  const redis = new LazyRedis(config.redis.url!);
  const snapshots = new SnapshotReader(redis, redisPrefix);

  return {
    baseUrl,
    adminKey,
    databaseUrl: runtime.databaseUrl,
    redisPrefix,
    masterKey,
    app,
    request,
    ...provisioning(request),
    query: (sql, params) => pg.query(sql, params),
    configVersion: async () =>
      Number(
        (await pg.query<{ version: string }>('SELECT version FROM config_state WHERE id = 1')).rows[0]
          .version,
      ),
    snapshot: () => snapshots.read(),
    snapshotText: () => snapshots.text(),
    waitForSnapshot: (check, timeoutMs) => snapshots.waitFor(check, timeoutMs),
    close: async () => {
      redis.disconnect();
      await pg.end();
      await app.close();
      await database.drop();
    },
  };
}

/**
 * One api for the enclosing `describe`: a beforeAll starts it, an afterAll closes it. The object returned
 * is filled in by that beforeAll, so use it in hooks and tests, not while the describe body runs;
 * beforeAll hooks registered after this call run after the start (vitest runs them in order).
 */
export function useApi(env: Record<string, string> = {}): ApiHarness {
  const api = {} as ApiHarness;
  beforeAll(async () => {
    Object.assign(api, await startApi(env));
  });
  afterAll(async () => {
    await api.close?.();
  });
  return api;
}
