import { createRedis, whenRedisReady } from '@bastion/bus';
import { TEST_REDIS_URL } from '@bastion/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { waitFor } from '../proxy-harness';
import { BastionCluster, type ProvisionedProject } from './bastion-cluster';
import { openSession } from './raw-mcp';

/** What {@link useClusterSuite} sets up for the enclosing `describe`. */
export interface ClusterSuite {
  /** The api and the workers; set by the suite's beforeAll, so use it in hooks and tests only. */
  cluster: BastionCluster;
  /** The spec's own Redis connection (e.g. for `waitForSubscribers`). */
  redis: Redis;
  /** SDK clients the tests open; each is closed after all tests. */
  clients: Client[];
  /** {@link BastionCluster.provision}, then waits (up to `timeoutMs`) until every worker accepts the key. */
  provision: (
    servers: Record<string, unknown>[],
    config?: Record<string, unknown>,
    timeoutMs?: number,
  ) => Promise<ProvisionedProject>;
}

/**
 * A {@link BastionCluster} of `workerCount` workers for the enclosing `describe`: a beforeAll starts it
 * and connects `redis` (named `connectionName`); an afterAll closes the registered clients, `redis`
 * and the cluster.
 */
export function useClusterSuite(workerCount: number, connectionName: string): ClusterSuite {
  const suite = {
    redis: createRedis({ url: TEST_REDIS_URL, connectionName }),
    clients: [] as Client[],
    provision: async (servers, config = {}, timeoutMs) => {
      const project = await suite.cluster.provision(servers, config);
      await waitFor(async () => {
        const opened = await Promise.all(
          suite.cluster.mcpUrls.map((url) =>
            openSession(url, project.key).then(
              () => true,
              () => false,
            ),
          ),
        );
        return opened.every(Boolean);
      }, timeoutMs);
      return project;
    },
  } as ClusterSuite;

  beforeAll(async () => {
    suite.cluster = await BastionCluster.start(workerCount);
    await whenRedisReady(suite.redis, 5_000);
  }, 60_000);
  afterAll(async () => {
    await Promise.allSettled(suite.clients.map((client) => client.close()));
    suite.redis.disconnect();
    await suite.cluster?.close();
  });
  return suite;
}
