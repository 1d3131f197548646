import { Registry } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import type { Logger } from 'winston';
import { runInRequestContext, currentRequestContext } from '../http/request-context';
import type { AuditEventsRepository } from './audit-events.repository';
import type { AuditTailHub } from './audit-tail.hub';
import { AuditMetrics } from './audit.metrics';
import { ConfigAuditRecorder } from './config-audit.recorder';

const KEY_ID = '0d6c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

function recorder(insertMany: AuditEventsRepository['insertMany']) {
  const logger = { error: vi.fn(), warn: vi.fn() } as unknown as Logger;
  const tail = { announce: vi.fn().mockResolvedValue(undefined) } as unknown as AuditTailHub;
  const insert = vi.fn(insertMany);
  const events = { insertMany: insert } as unknown as AuditEventsRepository;
  return {
    logger,
    insert,
    recorder: new ConfigAuditRecorder(events, tail, new AuditMetrics(new Registry()), logger),
  };
}

describe('ConfigAuditRecorder', () => {
  it('stores one event with entity/op/id only, the version and the admin key of the request', async () => {
    const { recorder: audit, insert } = recorder((rows) =>
      Promise.resolve(new Map(rows.map((e) => [e.id, new Date()]))),
    );
    await runInRequestContext(async () => {
      currentRequestContext()!.adminKeyId = KEY_ID;
      await audit.record(
        [
          { op: 'upsert', entity: 'servers', id: 's1', data: { env: { TOKEN: 'sealed' } } } as never,
          { op: 'delete', entity: 'keys', id: 'k1' },
          { op: 'reset' },
        ],
        7,
      );
    });
    const [[stored]] = insert.mock.calls as unknown as [[Array<Record<string, unknown>>]];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      type: 'config.change',
      status: 'ok',
      keyId: KEY_ID,
      payload: {
        version: 7,
        adminKeyId: KEY_ID,
        changes: [
          { entity: 'servers', op: 'upsert', id: 's1' },
          { entity: 'keys', op: 'delete', id: 'k1' },
          { entity: 'all', op: 'reset' },
        ],
      },
    });
    expect(JSON.stringify(stored)).not.toContain('sealed');
  });

  it('logs a storage failure instead of throwing', async () => {
    const { recorder: audit, logger } = recorder(() => Promise.reject(new Error('database down')));
    await expect(audit.record([{ op: 'delete', entity: 'keys', id: 'k1' }], 3)).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith(
      'config change audit event could not be stored',
      expect.objectContaining({ config_version: 3 }),
    );
  });
});
