import { busKeys, createRedis, SnapshotStore, whenRedisReady } from '@bastion/bus';
import { loadConfig } from '@bastion/config';
import { emptySnapshot, type ServerEntry, type Snapshot } from '@bastion/contracts';
import { generateApiKey, generateMasterKey, hashApiKey, parseMasterKey, SecretBox } from '@bastion/crypto';
import { createAppLogger } from '@bastion/observability';
import { TEST_REDIS_URL, uniqueSuffix } from '@bastion/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { randomUUID } from 'node:crypto';
import { createProxyRuntime, type ProxyRuntime } from '../src/proxy.runtime';

/** A project published to the workers, with a working gateway key. */
export interface TestProject {
  projectId: string;
  keyId: string;
  key: string;
}

/**
 * Real proxy workers against real Redis, fed with snapshots exactly as the api's relay publishes
 * them (no api, no Postgres): each test controls the configuration directly.
 */
export class ProxyHarness {
  readonly prefix = `test:${uniqueSuffix()}:`;
  readonly masterKey = generateMasterKey();
  readonly box = new SecretBox(parseMasterKey(this.masterKey)!);
  private readonly redis = createRedis({ url: TEST_REDIS_URL, connectionName: 'proxy-harness' });
  private readonly store = new SnapshotStore(this.redis, busKeys(this.prefix));
  private readonly workers: ProxyRuntime[] = [];
  private readonly clients: Client[] = [];
  snapshot: Snapshot = emptySnapshot();

  /** Starts a worker; resolves with its /mcp URL once it serves the current snapshot. */
  async startWorker(env: Record<string, string> = {}): Promise<string> {
    await whenRedisReady(this.redis, 5_000);
    if (this.snapshot.version === 0) await this.publish((s) => s);
    const config = loadConfig({
      REDIS_URL: TEST_REDIS_URL,
      BASTION_REDIS_PREFIX: this.prefix,
      BASTION_MASTER_KEY: this.masterKey,
      LOG_LEVEL: 'error',
      ...env,
    });
    const worker = createProxyRuntime(
      config,
      config.security.masterKey!,
      createAppLogger({ service: 'proxy', level: 'error' }),
    );
    this.workers.push(worker);
    const url = await worker.listen(0);
    await worker.sync.whenReady();
    return url.replace('127.0.0.1', 'localhost');
  }

  /** Publishes a new snapshot version (as a reset, which every worker reloads) and waits for the workers. */
  async publish(change: (snapshot: Snapshot) => Snapshot): Promise<void> {
    await whenRedisReady(this.redis, 5_000); // also before any worker started (workers as child processes)
    const next = { ...change(structuredClone(this.snapshot)), version: this.snapshot.version + 1 };
    this.snapshot = next;
    await this.store.save(next, [{ version: next.version, op: 'reset' }]);
    await Promise.all(
      this.workers.map((worker) => waitFor(() => worker.sync.health().version >= next.version)),
    );
  }

  /** Adds a project whose config holds `servers` (secrets given in plaintext are sealed here). */
  async addProject(servers: ServerEntry[]): Promise<TestProject> {
    const projectId = randomUUID();
    const configId = randomUUID();
    const keyId = randomUUID();
    const key = generateApiKey();
    await this.publish((s) => {
      s.configs[configId] = {
        id: configId,
        name: `cfg-${configId}`,
        pinningMode: 'trust-on-first-use',
        metaToolsEnabled: false,
        auditCapture: 'metadata',
      };
      s.projects[projectId] = { id: projectId, name: `p-${projectId}`, mcpConfigId: configId };
      s.keys[keyId] = {
        id: keyId,
        keyHash: hashApiKey(key),
        projectId,
        userId: null,
        status: 'active',
        expiresAt: null,
      };
      for (const server of servers) s.servers[server.id] = { ...this.sealed(server), configId };
      return s;
    });
    return { projectId, keyId, key };
  }

  /** An SDK client connected through the gateway with this key. */
  async connect(url: string, key: string, headers: Record<string, string> = {}): Promise<Client> {
    const client = new Client({ name: 'harness', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${key}`, ...headers } },
    });
    await client.connect(transport);
    this.clients.push(client);
    return client;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.clients.map((client) => client.close()));
    await Promise.allSettled(this.workers.map((worker) => worker.close()));
    const keys = await this.redis.keys(`${this.prefix}*`);
    if (keys.length > 0) await this.redis.del(...keys);
    this.redis.disconnect();
  }

  private sealed(server: ServerEntry): ServerEntry {
    const seal = (map: Record<string, string>) =>
      Object.fromEntries(Object.entries(map).map(([name, value]) => [name, this.box.seal(value)]));
    return { ...server, env: seal(server.env), headers: seal(server.headers) };
  }
}

/** Polls until the condition holds (bounded: 5 s). */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A raw JSON-RPC POST to /mcp (for malformed-input and header tests the SDK client cannot send). */
export async function rawPost(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body,
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
