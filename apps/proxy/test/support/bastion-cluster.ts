import { createRedis, whenRedisReady } from '@bastion/bus';
import { generateApiKey, generateMasterKey } from '@bastion/crypto';
import { createTestDatabase, TEST_REDIS_URL, uniqueSuffix } from '@bastion/testing';
import { freePort, startNodeService, type NodeService } from './node-service';

/** A JSON answer of the REST API. */
export interface RestResponse<T = any> {
  status: number;
  body: T;
}

/** What {@link BastionCluster.provision} created through the REST API. */
export interface ProvisionedProject {
  userId: string;
  configId: string;
  projectId: string;
  keyId: string;
  key: string;
}

/**
 * The whole system as separate processes: the api (real Postgres database of its own) and N proxy
 * workers, all on one Redis prefix, exactly as they run in production behind a load balancer.
 */
export class BastionCluster {
  private constructor(
    readonly api: NodeService,
    readonly workers: NodeService[],
    readonly adminKey: string,
    readonly prefix: string,
    private readonly dropDatabase: () => Promise<void>,
    /** The api's own Postgres database. */
    readonly databaseUrl: string,
  ) {}

  /**
   * Starts the api and `workerCount` proxy workers side by side (their start-up overlaps; a worker is
   * ready once it loaded the snapshot the api publishes).
   */
  static async start(
    workerCount: number,
    env: { api?: Record<string, string>; worker?: Record<string, string> } = {},
  ): Promise<BastionCluster> {
    const database = await createTestDatabase();
    const prefix = `test:${uniqueSuffix()}:`;
    const shared = {
      REDIS_URL: TEST_REDIS_URL,
      BASTION_REDIS_PREFIX: prefix,
      BASTION_MASTER_KEY: generateMasterKey(),
      LOG_LEVEL: 'error',
    };
    const adminKey = generateApiKey();
    const apiEnv = {
      ...shared,
      DATABASE_URL: database.url,
      BASTION_BOOTSTRAP_ADMIN_KEY: adminKey,
      ...env.api,
    };
    const [api, ...workers] = await Promise.allSettled([
      freePort().then((port) =>
        startNodeService({
          entry: 'apps/api/src/main.ts',
          port,
          env: { ...apiEnv, API_PORT: String(port) },
          readyPath: '/readyz',
        }),
      ),
      ...Array.from({ length: workerCount }, () =>
        freePort().then((port) =>
          startNodeService({
            entry: 'apps/proxy/src/main.ts',
            port,
            env: { ...shared, PROXY_PORT: String(port), ...env.worker },
            readyPath: '/readyz',
          }),
        ),
      ),
    ]);
    const settled = [api, ...workers];
    const running = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failure = settled.find((result) => result.status === 'rejected');
    if (failure || api?.status !== 'fulfilled') {
      await Promise.allSettled(running.map((service) => service.stop()));
      await database.drop();
      throw failure?.reason ?? new Error('the api did not start');
    }
    const started = running.slice(1);
    return new BastionCluster(api.value, started, adminKey, prefix, database.drop, database.url);
  }

  /** `/mcp` URLs of the workers, in start order. */
  get mcpUrls(): string[] {
    return this.workers.map((worker) => `${worker.baseUrl}/mcp`);
  }

  /** One admin REST call under /api/v1. */
  async rest<T = any>(method: string, path: string, body?: unknown): Promise<RestResponse<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.adminKey}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.api.baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Like {@link rest}, but throws unless the status is 2xx. */
  async ok<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.rest<T>(method, path, body);
    if (response.status < 200 || response.status > 299) {
      throw new Error(`${method} ${path} → ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  /**
   * The README's provisioning flow: user, config with `servers`, project, assignment, member, gateway
   * key. `config` adds fields to the config (e.g. `pinningMode`).
   */
  async provision(
    servers: Record<string, unknown>[],
    config: Record<string, unknown> = {},
  ): Promise<ProvisionedProject> {
    const suffix = uniqueSuffix();
    const user = await this.ok('PUT', '/users', { email: `u-${suffix}@example.com`, name: `User ${suffix}` });
    const created = await this.ok('PUT', '/mcp-configs', { name: `cfg-${suffix}`, ...config });
    for (const server of servers) await this.ok('PUT', `/mcp-configs/${created.id}/servers`, server);
    const project = await this.ok('PUT', '/projects', { name: `p-${suffix}` });
    await this.ok('PATCH', `/projects/${project.id}`, { mcpConfigId: created.id });
    await this.ok('POST', `/projects/${project.id}/members`, { userId: user.id, role: 'member' });
    const key = await this.ok('POST', '/api-keys', { projectId: project.id, userId: user.id, name: 'e2e' });
    return { userId: user.id, configId: created.id, projectId: project.id, keyId: key.id, key: key.key };
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.workers, this.api].map((service) => service.stop()));
    const redis = createRedis({ url: TEST_REDIS_URL, connectionName: 'cluster-cleanup' });
    try {
      await whenRedisReady(redis, 5_000);
      const keys = await redis.keys(`${this.prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
    await this.dropDatabase();
  }
}
