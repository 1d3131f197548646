// The real Bastion processes the live Prometheus spec scrapes, started with the proxy's e2e helpers:
// the api (its own migrated Postgres database) and one proxy worker on one Redis prefix
// (BastionCluster), plus a second worker on a prefix no api publishes to, which stays alive but never
// loads a snapshot (a worker "still loading": /readyz 503, config version 0). A project is provisioned
// through the REST API with the `crash` fixture server behind a keyword-blocking input policy, so one
// session can produce a successful call, a guardrail block and an upstream failure.
/* eslint-disable @nx/enforce-module-boundaries -- the infra spec starts the real apps with the proxy's
   own e2e process helpers (apps/proxy/test/support) rather than a second copy of them. */
import { generateMasterKey } from '@bastion/crypto';
import { fixtureServerCommand, uniqueSuffix } from '@bastion/testing';
import { BastionCluster, type ProvisionedProject } from '../../apps/proxy/test/support/bastion-cluster';
import { startProxyWorker, type NodeService } from '../../apps/proxy/test/support/node-service';
import { mcpPost, openSession, rpcRequest, type RawReply } from '../../apps/proxy/test/support/raw-mcp';
/* eslint-enable @nx/enforce-module-boundaries */
import { eventually } from './prometheus.fixture';

/** A word the project's input policy blocks. */
export const BLOCKED_WORD = 'forbidden';

/** The api, a ready worker and a loading worker, with one provisioned project and an open session. */
export class BastionApps {
  private constructor(
    private readonly cluster: BastionCluster,
    /** The worker on an unpublished prefix: up, never ready. */
    readonly loading: NodeService,
    readonly project: ProvisionedProject,
    private readonly sessionId: string,
  ) {}

  static async start(): Promise<BastionApps> {
    const cluster = await BastionCluster.start(1);
    let loading: NodeService | undefined;
    try {
      // Under the cluster's prefix, so the cluster's clean-up removes whatever it wrote.
      loading = await startLoadingWorker(`${cluster.prefix}unpublished:`);
      const project = await provision(cluster);
      const url = cluster.mcpUrls[0];
      // The relay publishes right after the commit; the worker knows the key within moments.
      const sessionId = await eventually('a session with the new key', () => openSession(url, project.key), {
        timeoutMs: 15_000,
      });
      return new BastionApps(cluster, loading, project, sessionId);
    } catch (error) {
      await loading?.stop();
      await cluster.close();
      throw error;
    }
  }

  get api(): NodeService {
    return this.cluster.api;
  }

  /** The worker that loaded the snapshot and serves the project. */
  get ready(): NodeService {
    return this.cluster.workers[0];
  }

  /** One MCP `tools/call` through the ready worker, on the open session. */
  callTool(name: string, args: Record<string, unknown>): Promise<RawReply> {
    return mcpPost(
      this.cluster.mcpUrls[0],
      this.project.key,
      rpcRequest('tools/call', { name, arguments: args }),
      this.sessionId,
    );
  }

  /** Stops every process, deletes the Redis keys and drops the database. */
  async close(): Promise<void> {
    await this.loading.stop();
    await this.cluster.close();
  }
}

/** A proxy worker whose Redis prefix holds no snapshot: it serves /healthz and /metrics, not /readyz. */
function startLoadingWorker(prefix: string): Promise<NodeService> {
  return startProxyWorker(
    { BASTION_REDIS_PREFIX: prefix, BASTION_MASTER_KEY: generateMasterKey(), LOG_LEVEL: 'error' },
    '/healthz',
  );
}

/** A keyword-blocking input policy and a project whose config serves the `crash` fixture behind it. */
async function provision(cluster: BastionCluster): Promise<ProvisionedProject> {
  const policy = await cluster.ok<{ id: string }>('POST', '/guardrail-policies', {
    name: `block-${uniqueSuffix()}`,
    rules: [
      { detector: 'keywords', action: 'block', direction: 'input', options: { keywords: [BLOCKED_WORD] } },
    ],
  });
  return cluster.provision([
    { name: 'crash', transport: 'stdio', ...fixtureServerCommand('crash'), inputPolicyId: policy.id },
  ]);
}
