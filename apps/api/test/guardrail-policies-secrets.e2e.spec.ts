// Remote guardrail rules' header values (provider API keys) over real HTTP, Postgres and Redis: sealed
// before they reach any table, masked in every answer (create, upsert, update, get, list, backup),
// kept by the mask only for the same provider and URL, published to the workers only sealed, and
// values an earlier version stored in plaintext sealed by the start-up pass. Tables and the snapshot
// are read raw on purpose: what is stored is the point.
import type { Snapshot } from '@bastion/contracts';
import { SecretBox } from '@bastion/crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { PolicyHeadersBackfill } from '../src/guardrail-policies/policy-headers.backfill';
import { useApi, type TestResponse } from './api-harness';
import {
  expectNotAnswered,
  expectNotStored,
  masterBox,
  plaintextSecret as plain,
  recordingCall,
} from './support/secret-checks';

const BASE = '/api/v1/guardrail-policies';
const MASK = '********';

const piiRule = { detector: 'pii', action: 'redact', direction: 'both', options: {} };
const webhookRule = (headers: Record<string, string>, url = 'https://guard.example/check') => ({
  detector: 'remote',
  action: 'block',
  direction: 'input',
  options: { provider: 'webhook', url, headers, timeoutMs: 1500 },
});
const moderationRule = (headers: Record<string, string>) => ({
  detector: 'remote',
  action: 'warn',
  direction: 'both',
  options: { provider: 'openai-moderation', headers },
});

describe('guardrail policy header secrets', () => {
  const api = useApi();
  let box: SecretBox;
  const secrets = {
    webhook: plain('webhook'),
    moderation: plain('moderation'),
    upsert: plain('upsert'),
    patched: plain('patched'),
    legacy: plain('legacy'),
    legacyKept: plain('legacy-kept'),
  };
  const responses: TestResponse[] = [];
  const ids: Record<string, string> = {};

  beforeAll(() => {
    box = masterBox(api);
  });

  const call = recordingCall(api, responses);
  const storedRules = async (id: string) =>
    (await api.query('SELECT rules FROM guardrail_policies WHERE id = $1', [id])).rows[0].rules;
  /** The values the policy now holds, in plaintext (test only). */
  const current = () => ({
    webhook: { Authorization: `Bearer ${secrets.webhook}`, 'X-Extra': secrets.upsert },
    moderation: { Authorization: `Bearer ${secrets.patched}` },
  });

  it('takes header values on create, upsert and update, and answers with masks only', async () => {
    const created = await call(
      'POST',
      BASE,
      {
        name: 'remote-secrets',
        rules: [
          webhookRule({ Authorization: `Bearer ${secrets.webhook}` }),
          moderationRule({ Authorization: `Bearer ${secrets.moderation}` }),
        ],
      },
      201,
    );
    ids.policy = created.body.id;
    expect(created.body.rules[0].options).toEqual({
      provider: 'webhook',
      url: 'https://guard.example/check',
      headers: { Authorization: MASK },
      timeoutMs: 1500,
    });
    expect(created.body.rules[1].options.headers).toEqual({ Authorization: MASK });

    // A rule inserted in front: the masks still find their values (same provider and URL).
    const upserted = await call(
      'PUT',
      BASE,
      {
        name: 'remote-secrets',
        rules: [
          piiRule,
          webhookRule({ Authorization: MASK, 'X-Extra': secrets.upsert }),
          moderationRule({ Authorization: MASK }),
        ],
      },
      200,
    );
    expect(upserted.body.rules[1].options.headers).toEqual({ Authorization: MASK, 'X-Extra': MASK });

    await call('PATCH', `${BASE}/${ids.policy}`, { description: 'only the description' }, 200);
    const patched = await call(
      'PATCH',
      `${BASE}/${ids.policy}`,
      {
        rules: [
          piiRule,
          webhookRule({ Authorization: MASK, 'X-Extra': MASK }),
          moderationRule({ Authorization: `Bearer ${secrets.patched}` }),
        ],
      },
      200,
    );
    expect(patched.body.rules[2].options.headers).toEqual({ Authorization: MASK });
    await call('GET', `${BASE}/${ids.policy}`, undefined, 200);
    await call('GET', BASE, undefined, 200);
    await call('GET', `${BASE}?q=remote`, undefined, 200);
  });

  it('stores the values only sealed, each opening to the latest one given', async () => {
    const rules = await storedRules(ids.policy);
    const expected = current();
    for (const [index, headers] of [
      [1, expected.webhook],
      [2, expected.moderation],
    ] as const) {
      const stored = rules[index].options.headers as Record<string, string>;
      expect(Object.keys(stored).sort()).toEqual(Object.keys(headers).sort());
      for (const [name, value] of Object.entries(headers)) {
        expect(SecretBox.isSealed(stored[name])).toBe(true);
        expect(box.open(stored[name])).toBe(value);
      }
    }
  });

  it('publishes the values to the workers only sealed, openable with the master key', async () => {
    const expected = current();
    await api.waitForSnapshot((snapshot) => {
      const headers = snapshot.policies[ids.policy]?.rules[2]?.options['headers'] as Record<string, string>;
      expect(box.open(headers['Authorization'])).toBe(expected.moderation.Authorization);
    });
    const text = (await api.snapshotText()) ?? '';
    for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
    const rules = (JSON.parse(text) as Snapshot).policies[ids.policy].rules;
    const webhook = rules[1].options['headers'] as Record<string, string>;
    expect(box.open(webhook['Authorization'])).toBe(expected.webhook.Authorization);
    expect(box.open(webhook['X-Extra'])).toBe(expected.webhook['X-Extra']);
  });

  it('changes nothing when the policy is sent again, masked or with the same values', async () => {
    const before = { version: await api.configVersion(), rules: await storedRules(ids.policy) };
    const expected = current();
    const resent: Array<[webhook: Record<string, string>, moderation: Record<string, string>]> = [
      [{ Authorization: MASK, 'X-Extra': MASK }, { Authorization: MASK }],
      [expected.webhook, expected.moderation],
    ];
    for (const [webhook, moderation] of resent) {
      await call(
        'PUT',
        BASE,
        {
          name: 'remote-secrets',
          description: 'only the description',
          rules: [piiRule, webhookRule(webhook), moderationRule(moderation)],
        },
        200,
      );
    }
    expect(await api.configVersion()).toBe(before.version);
    expect(await storedRules(ids.policy)).toEqual(before.rules);
  });

  it('refuses a mask with nothing to keep, and never carries a value to another URL or provider', async () => {
    const before = await storedRules(ids.policy);
    const fresh = await call('POST', BASE, {
      name: 'nothing-stored',
      rules: [webhookRule({ Authorization: MASK })],
    });
    expect(fresh.status).toBe(400);
    expect(fresh.body.details).toEqual([
      {
        path: 'rules.0.options.headers.Authorization',
        message: expect.stringMatching(/send the real value/),
      },
    ]);
    const elsewhere = await call('PATCH', `${BASE}/${ids.policy}`, {
      rules: [
        piiRule,
        webhookRule({ Authorization: MASK, 'X-Extra': MASK }, 'https://collector.example/steal'),
        moderationRule({ Authorization: MASK }),
      ],
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.details.map((detail: { path: string }) => detail.path)).toEqual([
      'rules.1.options.headers.Authorization',
      'rules.1.options.headers.X-Extra',
    ]);
    const otherProvider = await call('PATCH', `${BASE}/${ids.policy}`, {
      rules: [
        piiRule,
        webhookRule({ Authorization: MASK }),
        {
          ...moderationRule({ Authorization: MASK }),
          options: { provider: 'enkrypt', headers: { Authorization: MASK } },
        },
      ],
    });
    expect(otherProvider.status).toBe(400);
    expect(otherProvider.body.details).toHaveLength(1);
    expect(await storedRules(ids.policy)).toEqual(before);
  });

  it('seals values an earlier version stored in plaintext: on the next write, and at start-up', async () => {
    // Two policies as an earlier version left them: plaintext header values in the row and in the
    // outbox history that published them.
    for (const name of ['legacy', 'legacy-kept']) {
      ids[name] = (
        await call('POST', BASE, { name, rules: [webhookRule({ Authorization: 'replaced' })] }, 201)
      ).body.id;
    }
    const legacyRules = (value: string) =>
      JSON.stringify([webhookRule({ Authorization: `Bearer ${value}` })]);
    for (const [name, value] of [
      ['legacy', secrets.legacy],
      ['legacy-kept', secrets.legacyKept],
    ] as const) {
      await api.query('UPDATE guardrail_policies SET rules = $1::jsonb WHERE id = $2', [
        legacyRules(value),
        ids[name],
      ]);
      await api.query(
        `UPDATE config_outbox SET payload = jsonb_set(payload, '{data,rules}', $1::jsonb)
         WHERE entity = 'policies' AND entity_id = $2`,
        [legacyRules(value), ids[name]],
      );
    }

    // Read both ways meanwhile: masked like sealed values.
    const legacy = await call('GET', `${BASE}/${ids.legacy}`, undefined, 200);
    expect(legacy.body.rules[0].options.headers).toEqual({ Authorization: MASK });

    // A write that keeps the value (mask) seals it.
    await call('PUT', BASE, { name: 'legacy-kept', rules: [webhookRule({ Authorization: MASK })] }, 200);
    const kept = (await storedRules(ids['legacy-kept'])).at(0).options.headers.Authorization;
    expect(box.open(kept)).toBe(`Bearer ${secrets.legacyKept}`);

    // The start-up pass seals the rest, publishes the policy again, and then finds nothing to do.
    const backfill = api.app.get(PolicyHeadersBackfill);
    expect(await backfill.sealStoredHeaders()).toEqual({ policies: 1, outboxEntries: 2 });
    const sealed = (await storedRules(ids.legacy)).at(0).options.headers.Authorization;
    expect(box.open(sealed)).toBe(`Bearer ${secrets.legacy}`);
    await api.waitForSnapshot((snapshot) => {
      const headers = snapshot.policies[ids.legacy]?.rules[0]?.options['headers'] as Record<string, string>;
      expect(box.open(headers['Authorization'])).toBe(`Bearer ${secrets.legacy}`);
    });
    expect(await backfill.sealStoredHeaders()).toEqual({ policies: 0, outboxEntries: 0 });
    expect(await api.snapshotText()).not.toContain(secrets.legacy);
  });

  it('stores no plaintext header value in any table', async () => {
    await expectNotStored(api, Object.values(secrets), [
      'guardrail_policies',
      'config_outbox',
      'audit_events',
    ]);
  });

  it('never answers with a header value in plaintext; the backup carries them sealed', async () => {
    const backup = await call('GET', '/api/v1/system/backup', undefined, 200);
    const policy = backup.body.data.guardrailPolicies.find((row: { id: string }) => row.id === ids.policy);
    const header = policy.rules[2].options.headers.Authorization;
    expect(SecretBox.isSealed(header)).toBe(true);
    expect(box.open(header)).toBe(current().moderation.Authorization);
    expect(responses.length).toBeGreaterThan(10);
    expectNotAnswered(responses, Object.values(secrets));
  });
});
