import { loadConfig } from '@bastion/config';
import { generateApiKey, generateMasterKey } from '@bastion/crypto';
import { createAppLogger } from '@bastion/observability';
import { TEST_REDIS_URL, createTestDatabase, uniqueSuffix } from '@bastion/testing';
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createApiApp } from '../src/api.app';
import type { ApiRuntime } from '../src/core/api-runtime';

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

/** A real control plane on a random port, with its own database and Redis prefix. */
export interface ApiHarness {
  baseUrl: string;
  adminKey: string;
  databaseUrl: string;
  redisPrefix: string;
  masterKey: string;
  app: INestApplication;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<TestResponse<T>>;
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

  return {
    baseUrl,
    adminKey,
    databaseUrl: database.url,
    redisPrefix,
    masterKey,
    app,
    request,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
