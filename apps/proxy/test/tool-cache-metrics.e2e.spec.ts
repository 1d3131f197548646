// The tool-list cache as /metrics shows it, through real workers: bastion_tool_cache_lookups_total
// counts a miss when a tools/list goes to the upstream, a hit when a worker's memory or Redis (a list
// another worker fetched) answers it.
import { fixtureServerEntry } from '@bastion/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyHarness } from './proxy-harness';

type Result = 'hit' | 'miss' | 'error';

/** The worker's tools lookups by result, read from its /metrics. */
async function toolLookups(mcpUrl: string): Promise<Record<Result, number>> {
  const text = await (await fetch(mcpUrl.replace('/mcp', '/metrics'))).text();
  const count = (result: Result) => {
    const line = text
      .split('\n')
      .find(
        (l) =>
          l.startsWith('bastion_tool_cache_lookups_total{') &&
          l.includes('kind="tools"') &&
          l.includes(`result="${result}"`),
      );
    return Number(line?.split(' ').at(-1) ?? NaN);
  };
  return { hit: count('hit'), miss: count('miss'), error: count('error') };
}

describe('tool-list cache metrics', () => {
  const harness = new ProxyHarness();
  let first: string;
  let second: string;

  beforeAll(async () => {
    first = await harness.startWorker();
    second = await harness.startWorker();
  });
  afterAll(() => harness.close());

  it('counts a miss for the first tools/list and a hit for the second', async () => {
    const project = await harness.addProject([fixtureServerEntry('echo')]);
    const client = await harness.connect(first, project.key);
    const before = await toolLookups(first);
    expect(before).toEqual({ hit: expect.any(Number), miss: expect.any(Number), error: 0 });

    await client.listTools();
    const afterFirst = await toolLookups(first);
    expect(afterFirst.miss - before.miss).toBe(1);
    expect(afterFirst.hit - before.hit).toBe(0);

    await client.listTools();
    const afterSecond = await toolLookups(first);
    expect(afterSecond.hit - afterFirst.hit).toBe(1);
    expect(afterSecond.miss - afterFirst.miss).toBe(0);
    expect(afterSecond.error).toBe(0);
  });

  it('counts a hit on another worker that finds the list in Redis', async () => {
    const project = await harness.addProject([fixtureServerEntry('echo')]);
    await (await harness.connect(first, project.key)).listTools();
    const before = await toolLookups(second);

    const tools = await (await harness.connect(second, project.key)).listTools();
    expect(tools.tools.map((tool) => tool.name)).toContain('echo__echo');
    const after = await toolLookups(second);
    expect(after.hit - before.hit).toBe(1);
    expect(after.miss - before.miss).toBe(0);
  });
});
