// POST /system/restore and remote guardrail rules' header values (provider API keys), over real HTTP,
// Postgres and Redis. A backup taken before header values were sealed carries them in plaintext: the
// restore seals them before they reach any table, so the rebuilt snapshot carries them sealed. A
// backup taken since carries them sealed: restored as they are (not sealed twice), and checked as
// opened, since the sealed form of a long value is longer than a header value may be. Tables and the
// snapshot are read raw on purpose: what is stored is the point. Tests share one api and run in order.
import { SecretBox } from '@bastion/crypto';
import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from './api-harness';
import { expectNotStored, masterBox } from './support/secret-checks';

const POLICIES = '/api/v1/guardrail-policies';
const MASK = '********';

const webhookRule = (authorization: string) => ({
  detector: 'remote',
  action: 'block',
  direction: 'input',
  options: {
    provider: 'webhook',
    url: 'https://guard.example/check',
    headers: { Authorization: authorization },
    timeoutMs: 1500,
  },
});
/** A policy row as a backup carries it. */
const policyRow = (name: string, authorization: string) => ({
  id: randomUUID(),
  name,
  description: null,
  mode: 'enforce',
  failMode: 'closed',
  rules: [webhookRule(authorization)],
  createdAt: '2026-01-02T03:04:05.000Z',
  updatedAt: '2026-01-02T03:04:05.000Z',
});

interface PolicyRow {
  id: string;
  rules: Array<{ options: { headers: Record<string, string> } }>;
}

describe('restore of guardrail policy header values', () => {
  const api = useApi();
  let box: SecretBox;

  beforeAll(() => {
    box = masterBox(api);
  });

  const backup = async () => {
    const response = await api.request('GET', '/api/v1/system/backup');
    expect(response.status, response.text).toBe(200);
    return response.body;
  };
  const restore = (body: unknown) => api.request('POST', '/api/v1/system/restore', { body });
  /** The backup with `rows` in place of its guardrail policies. */
  const withPolicies = (document: any, rows: unknown[]) => ({
    ...document,
    data: { ...document.data, guardrailPolicies: rows },
  });
  const storedAuthorization = async (id: string): Promise<string> =>
    (await api.query('SELECT rules FROM guardrail_policies WHERE id = $1', [id])).rows[0].rules[0].options
      .headers.Authorization;
  const publishedAuthorization = async (id: string, expected: string): Promise<string> => {
    const snapshot = await api.waitForSnapshot((s) => {
      const headers = s.policies[id]?.rules[0]?.options['headers'] as Record<string, string> | undefined;
      expect(headers && box.open(headers['Authorization'])).toBe(expected);
    });
    return (snapshot.policies[id].rules[0].options['headers'] as Record<string, string>)['Authorization'];
  };

  it('seals the plaintext values of a backup taken before they were sealed', async () => {
    const secret = `Bearer legacy-plaintext-${randomBytes(8).toString('hex')}`;
    const legacy = policyRow('legacy-remote', secret);
    const restored = await restore(withPolicies(await backup(), [legacy]));
    expect(restored.status, restored.text).toBe(200);
    expect(restored.text).not.toContain(secret);

    const stored = await storedAuthorization(legacy.id);
    expect(SecretBox.isSealed(stored)).toBe(true);
    expect(box.open(stored)).toBe(secret);
    const shown = await api.request('GET', `${POLICIES}/${legacy.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.rules[0].options.headers).toEqual({ Authorization: MASK });

    const published = await publishedAuthorization(legacy.id, secret);
    expect(published).toBe(stored);
    expect(await api.snapshotText()).not.toContain(secret);
    await expectNotStored(api, [secret], ['guardrail_policies', 'config_outbox', 'audit_events']);
  });

  it('restores a long sealed value as it is, which opens to the original', async () => {
    const secret = `Bearer ${randomBytes(4_000).toString('hex')}`.slice(0, 8_000);
    const created = await api.request('POST', POLICIES, {
      body: { name: 'long-header', rules: [webhookRule(secret)] },
    });
    expect(created.status, created.text).toBe(201);
    const document = await backup();
    const row = document.data.guardrailPolicies.find((p: PolicyRow) => p.id === created.body.id);
    const sealed = row.rules[0].options.headers.Authorization;
    expect(sealed.length).toBeGreaterThan(8_192); // the limit applies to the value, not its sealed form

    const restored = await restore(document);
    expect(restored.status, restored.text).toBe(200);
    expect(await storedAuthorization(created.body.id)).toBe(sealed); // not sealed a second time
    expect(box.open(sealed)).toBe(secret);
    expect(await publishedAuthorization(created.body.id, secret)).toBe(sealed);
    expect((await backup()).data).toEqual(document.data);
  });

  it('refuses a value longer than a header may be, sealed or not, and changes nothing', async () => {
    const document = await backup();
    const before = await api.configVersion();
    const tooLong = 'x'.repeat(8_193);
    for (const value of [box.seal(tooLong), tooLong, box.seal('line\r\nbreak')]) {
      const refused = await restore(withPolicies(document, [policyRow('too-long', value)]));
      expect(refused.status, refused.text).toBe(400);
      expect(refused.body.details).toEqual([
        {
          path: 'data.guardrailPolicies.0.rules.0.options.headers.Authorization',
          message: expect.stringMatching(/at most 8192 characters without line breaks/),
        },
      ]);
    }
    expect(await api.configVersion()).toBe(before);
    expect((await backup()).data).toEqual(document.data);
  });

  it('restores a value sealed under another master key as it is, as other sealed secrets', async () => {
    const foreign = new SecretBox(randomBytes(32)).seal('sealed-elsewhere');
    const row = policyRow('foreign-key', foreign);
    const restored = await restore(withPolicies(await backup(), [row]));
    expect(restored.status, restored.text).toBe(200);
    expect(await storedAuthorization(row.id)).toBe(foreign);
  });
});
