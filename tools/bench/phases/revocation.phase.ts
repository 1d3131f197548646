import type { ProxyWorker } from '../arms/proxy-worker';
import type { ControlPlane } from '../control-plane';
import { percentiles, untilAllWorkers, type Percentiles } from './propagation.phase';

/** Time from DELETE /api-keys/{id} until every worker refuses the key (and from creation until all accept it). */
export interface RevocationResult {
  samples: number;
  workers: number;
  cutoff: Percentiles;
  accept: Percentiles;
  cutoffSamplesMs: number[];
}

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'bastion-bench-probe', version: '1.0.0' },
  },
});

/** Whether a worker answers an initialize with this key with `status` (200 accepted, 401 refused). */
const answers = (key: string, status: number) => async (worker: ProxyWorker) => {
  const headers = { accept: 'application/json, text/event-stream', authorization: `Bearer ${key}` };
  return (await worker.probe.post('/mcp', INITIALIZE, headers)).status === status;
};

async function oneKey(plane: ControlPlane, index: number): Promise<{ acceptMs: number; cutoffMs: number }> {
  const { projectId, userId } = plane.ids;
  const issued = await plane.rest('POST', '/api-keys', { projectId, userId, name: `bench-revoke-${index}` });
  const issuedAt = process.hrtime.bigint();
  if (issued.status !== 201)
    throw new Error(`POST /api-keys: HTTP ${issued.status} ${JSON.stringify(issued.body)}`);
  const key = String(issued.body['key']);
  const accepted = await untilAllWorkers(plane.workers, answers(key, 200), issuedAt);
  const deleted = await plane.rest('DELETE', `/api-keys/${String(issued.body['id'])}`);
  const deletedAt = process.hrtime.bigint();
  if (deleted.status !== 204) throw new Error(`DELETE /api-keys: HTTP ${deleted.status}`);
  const cutoff = await untilAllWorkers(plane.workers, answers(key, 401), deletedAt);
  return { acceptMs: accepted.lastMs, cutoffMs: cutoff.lastMs };
}

/** Issues and revokes `samples` gateway keys through the API, measuring how fast every worker follows. */
export async function runRevocation(plane: ControlPlane, samples: number): Promise<RevocationResult> {
  const accept: number[] = [];
  const cutoff: number[] = [];
  for (let index = 0; index < samples; index++) {
    const outcome = await oneKey(plane, index);
    accept.push(outcome.acceptMs);
    cutoff.push(outcome.cutoffMs);
  }
  return {
    samples,
    workers: plane.workers.length,
    cutoff: percentiles(cutoff),
    accept: percentiles(accept),
    cutoffSamplesMs: cutoff,
  };
}
