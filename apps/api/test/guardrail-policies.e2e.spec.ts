// Guardrail policies over real HTTP against the real app, Postgres and Redis: CRUD, upsert by name,
// detector option checks at save time (regexes that do not compile or could backtrack
// catastrophically), delete refused while a server uses the policy, and the Redis snapshot the
// proxy workers load.
import { describe, expect, it } from 'vitest';
import { stdioServer, useApi } from './api-harness';

const BASE = '/api/v1/guardrail-policies';
const piiRule = { detector: 'pii', action: 'redact' };

describe('guardrail policies API', () => {
  const api = useApi();

  it('creates a policy with defaults, publishes it, and refuses a second one with the same name', async () => {
    const created = await api.request('POST', BASE, { body: { name: 'pii-default', rules: [piiRule] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'pii-default',
      description: null,
      mode: 'enforce',
      failMode: 'closed',
      rules: [{ detector: 'pii', action: 'redact', direction: 'both', options: {} }],
    });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(created.body.createdAt).toISOString()).toBe(created.body.createdAt);
    await api.waitForSnapshot((s) =>
      expect(s.policies[created.body.id]).toMatchObject({ name: 'pii-default', mode: 'enforce' }),
    );

    const clash = await api.request('POST', BASE, { body: { name: 'pii-default', rules: [] } });
    expect(clash.status).toBe(409);
    expect(clash.body.message).toMatch(/pii-default/);
  });

  it('accepts a safe regex and checks keywords and size options', async () => {
    const rules = [
      {
        detector: 'regex',
        action: 'block',
        direction: 'input',
        options: {
          patterns: ['(?:\\d{1,3}\\.){3}\\d{1,3}', 'sk-[A-Za-z0-9]{20,}', '([a-z0-9-]+\\.)+[a-z]{2,}'],
        },
      },
      { detector: 'keywords', action: 'warn', options: { keywords: ['confidential'] } },
      { detector: 'size', action: 'block', options: { maxBytes: 65536, maxDepth: 20 } },
    ];
    const created = await api.request('POST', BASE, {
      body: { name: 'mixed', description: 'All kinds', mode: 'monitor', failMode: 'open', rules },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ mode: 'monitor', failMode: 'open', description: 'All kinds' });
    expect(created.body.rules[0]).toEqual(rules[0]);
    expect(created.body.rules[2].options).toEqual({ maxBytes: 65536, maxDepth: 20 });
  });

  it('accepts remote provider rules and publishes them for the workers', async () => {
    const rules = [
      {
        detector: 'remote',
        action: 'block',
        direction: 'input',
        options: { provider: 'webhook', url: 'https://guard.example/check', timeoutMs: 1500, failMode: 'open' },
      },
      { detector: 'remote', action: 'warn', options: { provider: 'openai-moderation', categories: ['violence'] } },
    ];
    const created = await api.request('POST', BASE, { body: { name: 'remote-checks', rules } });
    expect(created.status).toBe(201);
    expect(created.body.rules).toEqual([rules[0], { ...rules[1], direction: 'both' }]);
    await api.waitForSnapshot((s) => expect(s.policies[created.body.id]?.rules[0]?.detector).toBe('remote'));
  });

  it('rejects a catastrophically backtracking regex, saying which pattern and why', async () => {
    const bad = await api.request('POST', BASE, {
      body: {
        name: 'redos',
        rules: [piiRule, { detector: 'regex', action: 'block', options: { patterns: ['ok\\d+', '(a+)+$'] } }],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([
      {
        path: 'rules.1.options.patterns.1',
        message: expect.stringMatching(/"\(a\+\)\+\$".*backtrack catastrophically.*nested quantifiers/),
      },
    ]);
    for (const pattern of ['(a*)*', '(a|a)*', '(.*)*', '(\\w+\\s?)*']) {
      const refused = await api.request('POST', BASE, {
        body: {
          name: 'redos',
          rules: [{ detector: 'regex', action: 'warn', options: { patterns: [pattern] } }],
        },
      });
      expect(refused.status, pattern).toBe(400);
      expect(refused.body.details[0].path).toBe('rules.0.options.patterns.0');
    }
    expect((await api.request('GET', `${BASE}?q=redos`)).body.items).toEqual([]);
  });

  it('answers bad rules and options with 400 and the path of each bad field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ detector: 'telepathy', action: 'block' }, 'rules.0.detector'],
      [{ detector: 'pii', action: 'explode' }, 'rules.0.action'],
      [{ detector: 'pii', action: 'block', direction: 'sideways' }, 'rules.0.direction'],
      [{ detector: 'pii', action: 'block', extra: 1 }, 'rules.0'],
      [{ detector: 'regex', action: 'block' }, 'rules.0.options.patterns'],
      [{ detector: 'regex', action: 'block', options: { patterns: [] } }, 'rules.0.options.patterns'],
      [{ detector: 'regex', action: 'block', options: { patterns: ['('] } }, 'rules.0.options.patterns.0'],
      [{ detector: 'regex', action: 'block', options: { patterns: [42] } }, 'rules.0.options.patterns.0'],
      [
        { detector: 'regex', action: 'block', options: { patterns: ['a'.repeat(501)] } },
        'rules.0.options.patterns.0',
      ],
      [{ detector: 'keywords', action: 'block', options: { keywords: [] } }, 'rules.0.options.keywords'],
      [
        { detector: 'keywords', action: 'block', options: { keywords: ['ok', ' '] } },
        'rules.0.options.keywords.1',
      ],
      [{ detector: 'size', action: 'block', options: { maxBytes: -1 } }, 'rules.0.options.maxBytes'],
      [{ detector: 'size', action: 'block', options: { maxDepth: 1.5 } }, 'rules.0.options.maxDepth'],
      [{ detector: 'remote', action: 'block' }, 'rules.0.options.provider'],
      [{ detector: 'remote', action: 'block', options: { provider: 'psychic' } }, 'rules.0.options.provider'],
      [{ detector: 'remote', action: 'block', options: { provider: 'webhook' } }, 'rules.0.options.url'],
      [
        { detector: 'remote', action: 'block', options: { provider: 'webhook', url: 'file:///etc/passwd' } },
        'rules.0.options.url',
      ],
      [
        { detector: 'remote', action: 'block', options: { provider: 'enkrypt', timeoutMs: 60_000 } },
        'rules.0.options.timeoutMs',
      ],
      [
        { detector: 'remote', action: 'block', options: { provider: 'enkrypt', failMode: 'sideways' } },
        'rules.0.options.failMode',
      ],
    ];
    for (const [rule, path] of cases) {
      const response = await api.request('POST', BASE, { body: { name: 'bad', rules: [rule] } });
      expect(response.status, path).toBe(400);
      expect(
        response.body.details.map((d: { path: string }) => d.path),
        JSON.stringify(rule),
      ).toContain(path);
    }
    const invalid = await api.request('POST', BASE, {
      body: { name: 'bad', rules: [{ detector: 'regex', action: 'block', options: { patterns: ['('] } }] },
    });
    expect(invalid.body.details[0].message).toMatch(/not a valid regular expression/);
    const missing = await api.request('POST', BASE, { body: { mode: 'sometimes', surprise: true } });
    expect(missing.status).toBe(400);
    expect(missing.body.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['name', 'rules', 'mode']),
    );
    expect(missing.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('upserts by name: 201, then 200, and republishes only real changes', async () => {
    const body = { name: 'upserted', rules: [{ detector: 'secrets', action: 'block' }] };
    const first = await api.request('PUT', BASE, { body });
    expect(first.status).toBe(201);
    const before = await api.configVersion();
    const same = await api.request('PUT', BASE, { body });
    expect(same.status).toBe(200);
    expect(same.body).toEqual(first.body);
    expect(await api.configVersion()).toBe(before);

    const changed = await api.request('PUT', BASE, {
      body: { ...body, mode: 'monitor', description: 'Now watching' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: first.body.id, mode: 'monitor', description: 'Now watching' });
    expect(await api.configVersion()).toBe(before + 1);
    await api.waitForSnapshot((s) => expect(s.policies[first.body.id]?.mode).toBe('monitor'));
    const bad = await api.request('PUT', BASE, {
      body: {
        name: 'upserted',
        rules: [{ detector: 'regex', action: 'block', options: { patterns: ['(x+x+)+y'] } }],
      },
    });
    expect(bad.status).toBe(400);
  });

  it('lists with a text filter and cursor pagination, newest first', async () => {
    for (const n of [1, 2, 3]) await api.request('POST', BASE, { body: { name: `paged-${n}`, rules: [] } });
    const first = await api.request('GET', `${BASE}?q=PAGED&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((p: { name: string }) => p.name)).toEqual(['paged-3', 'paged-2']);
    const second = await api.request('GET', `${BASE}?q=paged&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((p: { name: string }) => p.name)).toEqual(['paged-1']);
    expect(second.body.nextCursor).toBeNull();
    expect(
      (await api.request('GET', `${BASE}?q=All%20kinds`)).body.items.map((p: { name: string }) => p.name),
    ).toEqual(['mixed']);
    expect((await api.request('GET', `${BASE}?cursor=garbage`)).status).toBe(400);
    expect((await api.request('GET', `${BASE}?limit=0`)).status).toBe(400);
  });

  it('gets, updates and deletes, and the snapshot follows', async () => {
    const { body: policy } = await api.request('POST', BASE, {
      body: { name: 'temporary', rules: [piiRule] },
    });
    expect((await api.request('GET', `${BASE}/${policy.id}`)).body.name).toBe('temporary');

    const rules = [
      { detector: 'keywords', action: 'block', direction: 'output', options: { keywords: ['secret'] } },
    ];
    const updated = await api.request('PATCH', `${BASE}/${policy.id}`, {
      body: { name: 'renamed', description: 'x', rules },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'renamed', description: 'x', rules, mode: 'enforce' });
    const cleared = await api.request('PATCH', `${BASE}/${policy.id}`, { body: { description: null } });
    expect(cleared.body.description).toBeNull();
    await api.waitForSnapshot((s) => expect(s.policies[policy.id]).toMatchObject({ name: 'renamed', rules }));

    const badRules = await api.request('PATCH', `${BASE}/${policy.id}`, {
      body: { rules: [{ detector: 'regex', action: 'block', options: { patterns: ['(a|a)*'] } }] },
    });
    expect(badRules.status).toBe(400);
    expect(
      (await api.request('PATCH', `${BASE}/${policy.id}`, { body: { name: 'pii-default' } })).status,
    ).toBe(409);
    expect((await api.request('PATCH', `${BASE}/${policy.id}`, { body: { unknown: 1 } })).status).toBe(400);

    expect((await api.request('DELETE', `${BASE}/${policy.id}`)).status).toBe(204);
    await api.waitForSnapshot((s) => expect(s.policies[policy.id]).toBeUndefined());
    expect((await api.request('GET', `${BASE}/${policy.id}`)).status).toBe(404);
    expect((await api.request('PATCH', `${BASE}/${policy.id}`, { body: { name: 'ghost' } })).status).toBe(
      404,
    );
    expect((await api.request('DELETE', `${BASE}/${policy.id}`)).status).toBe(404);
    expect((await api.request('GET', `${BASE}/not-a-uuid`)).status).toBe(400);
  });

  it('refuses to delete a policy a server still uses, naming the server', async () => {
    const policy = await api.createPolicy({ name: 'in-use', rules: [piiRule] });
    const { id: configId } = await api.createConfig('c');
    const servers = [
      await api.createServer(configId, stdioServer('s1', { inputPolicyId: policy.id })),
      await api.createServer(
        configId,
        stdioServer('s2', { inputPolicyId: policy.id, outputPolicyId: policy.id }),
      ),
    ];
    const refused = await api.request('DELETE', `${BASE}/${policy.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/in-use.*2 server\(s\): c\/s1 \(input\), c\/s2 \(input, output\)/);
    expect((await api.request('GET', `${BASE}/${policy.id}`)).status).toBe(200);

    for (const server of servers) {
      expect(
        (await api.request('DELETE', `/api/v1/mcp-configs/${configId}/servers/${server.id}`)).status,
      ).toBe(204);
    }
    expect((await api.request('DELETE', `${BASE}/${policy.id}`)).status).toBe(204);
  });

  it('requires an admin key', async () => {
    expect((await api.request('GET', BASE, { key: null })).status).toBe(401);
    expect((await api.request('POST', BASE, { key: null, body: { name: 'x', rules: [] } })).status).toBe(401);
  });
});
