/**
 * The pool against the MCP reference servers: server-everything over stdio and over Streamable
 * HTTP, server-memory over stdio.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testServerEntry } from '@bastion/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createPoolKit, firstText, projectId } from './test/pool.kit';
import { startEverythingHttp, workspaceBin, type EverythingHttpServer } from './test/everything-http.kit';

const toolNames = (result: Record<string, unknown>) =>
  (result['tools'] as { name: string }[]).map((tool) => tool.name);

describe('UpstreamPool with the MCP reference servers', () => {
  const kit = createPoolKit();
  let http: EverythingHttpServer;
  const memoryDir = mkdtempSync(join(tmpdir(), 'bastion-memory-'));
  beforeAll(async () => {
    http = await startEverythingHttp();
  });
  afterAll(async () => {
    await kit.pool.close();
    await http.stop();
    rmSync(memoryDir, { recursive: true, force: true });
  });

  it('lists and calls server-everything tools over stdio', async () => {
    const server = testServerEntry({
      name: 'everything',
      command: process.execPath,
      args: [workspaceBin('mcp-server-everything'), 'stdio'],
    });
    const target = { projectId: projectId(), server };
    expect(
      toolNames(await kit.pool.request(target, 'tools/list', undefined, { operation: 'discovery' })),
    ).toEqual(expect.arrayContaining(['echo', 'get-sum']));
    const echoed = await kit.pool.request(target, 'tools/call', call('echo', { message: 'hi' }), {
      operation: 'call',
    });
    expect(firstText(echoed)).toBe('Echo: hi');
    const prompts = await kit.pool.request(target, 'prompts/list', undefined, { operation: 'discovery' });
    expect(prompts['prompts']).toEqual(expect.any(Array));
  });

  it('lists and calls server-everything tools over Streamable HTTP', async () => {
    const server = testServerEntry({ name: 'everything-http', transport: 'streamable-http', url: http.url });
    const target = { projectId: projectId(), server };
    expect(
      toolNames(await kit.pool.request(target, 'tools/list', undefined, { operation: 'discovery' })),
    ).toEqual(expect.arrayContaining(['echo', 'get-sum']));
    const sums = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        kit.pool.request(target, 'tools/call', call('get-sum', { a: i, b: 2 }), { operation: 'call' }),
      ),
    );
    expect(sums.map(firstText).every((text, i) => text.includes(String(i + 2)))).toBe(true);
    const resources = await kit.pool.request(target, 'resources/list', undefined, { operation: 'discovery' });
    expect(resources['resources']).toEqual(expect.any(Array));
  });

  it('creates and reads entities on server-memory over stdio', async () => {
    const server = testServerEntry({
      name: 'memory',
      command: process.execPath,
      args: [workspaceBin('mcp-server-memory')],
      env: { MEMORY_FILE_PATH: kit.seal(join(memoryDir, 'memory.jsonl')) },
    });
    const target = { projectId: projectId(), server };
    expect(
      toolNames(await kit.pool.request(target, 'tools/list', undefined, { operation: 'discovery' })),
    ).toEqual(expect.arrayContaining(['create_entities', 'read_graph']));
    const entity = { name: 'Bastion', entityType: 'gateway', observations: ['guards MCP'] };
    await kit.pool.request(target, 'tools/call', call('create_entities', { entities: [entity] }), {
      operation: 'call',
    });
    const graph = await kit.pool.request(target, 'tools/call', call('read_graph'), { operation: 'call' });
    expect(firstText(graph)).toContain('guards MCP');
  });
});
