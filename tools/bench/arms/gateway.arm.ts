import { busKeys, createRedis, SnapshotStore, whenRedisReady } from '@bastion/bus';
import { emptySnapshot, type ServerEntry, type Snapshot } from '@bastion/contracts';
import { generateApiKey, generateMasterKey, hashApiKey } from '@bastion/crypto';
import { fixtureServerEntry, TEST_REDIS_URL, uniqueSuffix } from '@bastion/testing';
import { randomUUID } from 'node:crypto';
import type { ChildProcesses } from '../child-processes';
import type { Cleanups } from '../cleanups';
import { canInitialize, type BenchArm } from './bench-arm';
import { startProxyWorker, type WorkerEnv } from './proxy-worker';

/** The gateway arm's deployment: a Redis prefix holding one published snapshot. */
export interface GatewayDeployment extends WorkerEnv {
  key: string;
  /** Deletes every Redis key under the prefix. */
  cleanup(): Promise<void>;
}

/**
 * Adds to `snapshot` one project, its config, a gateway key and the stdio echo fixture as server
 * `echo` (with `server` overrides, e.g. guardrail policy ids).
 */
export function addEchoProject(snapshot: Snapshot, key: string, server: Partial<ServerEntry> = {}): void {
  const [projectId, configId, keyId] = [randomUUID(), randomUUID(), randomUUID()];
  snapshot.configs[configId] = {
    id: configId,
    name: `bench-${configId.slice(0, 8)}`,
    pinningMode: 'trust-on-first-use',
    metaToolsEnabled: false,
    auditCapture: 'metadata',
  };
  snapshot.projects[projectId] = {
    id: projectId,
    name: `bench-${projectId.slice(0, 8)}`,
    mcpConfigId: configId,
  };
  snapshot.keys[keyId] = {
    id: keyId,
    keyHash: hashApiKey(key),
    projectId,
    userId: null,
    status: 'active',
    expiresAt: null,
  };
  const entry = fixtureServerEntry('echo', { name: 'echo', configId, ...server });
  snapshot.servers[entry.id] = entry;
}

/** A snapshot with one project fronting the echo fixture, reachable with `key`. */
function benchSnapshot(key: string): Snapshot {
  const snapshot = emptySnapshot();
  snapshot.version = 1;
  addEchoProject(snapshot, key);
  return snapshot;
}

/**
 * Publishes `snapshot` under a fresh prefix exactly as the api's relay does (SnapshotStore.save + a
 * reset event); the prefix is deleted by the returned cleanup (registered in `cleanups`).
 */
export async function publishSnapshot(
  cleanups: Cleanups,
  snapshot: Snapshot,
): Promise<WorkerEnv & { cleanup(): Promise<void> }> {
  const prefix = `bench:${uniqueSuffix()}:`;
  const cleanup = cleanups.add(() => deletePrefix(prefix));
  const redis = createRedis({ url: TEST_REDIS_URL, connectionName: 'bastion-bench' });
  try {
    await whenRedisReady(redis, 5_000);
    const reset = [{ version: snapshot.version, op: 'reset' as const }];
    await new SnapshotStore(redis, busKeys(prefix)).save(snapshot, reset);
  } finally {
    redis.disconnect();
  }
  return { prefix, masterKey: generateMasterKey(), cleanup };
}

/** Publishes the gateway arm's configuration: one project with the echo server. */
export async function publishGatewayDeployment(cleanups: Cleanups): Promise<GatewayDeployment> {
  const key = generateApiKey();
  return { key, ...(await publishSnapshot(cleanups, benchSnapshot(key))) };
}

/** Deletes every Redis key under `prefix`. */
export async function deletePrefix(prefix: string): Promise<void> {
  const redis = createRedis({ url: TEST_REDIS_URL, connectionName: 'bastion-bench-cleanup' });
  try {
    await whenRedisReady(redis, 5_000);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/** Arm B: a real proxy worker child fronting the stdio echo fixture. */
export async function startGatewayArm(
  children: ChildProcesses,
  deployment: GatewayDeployment,
  nodeArgs: readonly string[] = [],
): Promise<BenchArm> {
  const worker = await startProxyWorker(children, 'gateway', deployment, 1, nodeArgs);
  worker.probe.close();
  const arm: BenchArm = {
    name: 'gateway',
    label: 'Bastion proxy worker → stdio echo',
    origin: worker.origin,
    endpoint: {
      path: '/mcp',
      headers: { authorization: `Bearer ${deployment.key}` },
      toolName: 'echo__echo',
    },
    server: worker.child,
  };
  if (!(await canInitialize(arm.origin, arm.endpoint))) throw new Error('the gateway refused initialize');
  return arm;
}
