import type { ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { sendJson } from '../http/responses';

/** What readiness needs to know about live configuration. */
export interface SyncHealth {
  ready: boolean;
  degraded: boolean;
  version: number;
  redis: 'up' | 'down';
  reason?: string;
}

/**
 * `/healthz` (alive), `/readyz` (a snapshot is loaded: 200, with `degraded` when Redis is down or
 * the snapshot is stale — the worker keeps serving the last state; 503 before the first snapshot)
 * and `/metrics`.
 */
export class HealthHandler {
  constructor(
    private readonly health: () => SyncHealth,
    private readonly metrics: Registry,
  ) {}

  liveness(response: ServerResponse): void {
    sendJson(response, 200, JSON.stringify({ status: 'ok' }));
  }

  readiness(response: ServerResponse): void {
    const sync = this.health();
    const status = !sync.ready ? 'unavailable' : sync.degraded ? 'degraded' : 'ready';
    const body = {
      status,
      checks: {
        snapshot: { ok: sync.ready, version: sync.version, ...(sync.reason ? { error: sync.reason } : {}) },
        redis: { ok: sync.redis === 'up' },
      },
    };
    sendJson(response, sync.ready ? 200 : 503, JSON.stringify(body));
  }

  async metricsText(response: ServerResponse): Promise<void> {
    const text = await this.metrics.metrics();
    response.writeHead(200, { 'content-type': this.metrics.contentType });
    response.end(text);
  }
}
