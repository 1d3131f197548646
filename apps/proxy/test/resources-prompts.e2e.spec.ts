// Resources, resource templates, prompts and completions pass through the gateway from
// @modelcontextprotocol/server-everything (stdio), next to a second server so routing is real.
import { fixtureServerEntry, testServerEntry } from '@bastion/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyHarness } from './proxy-harness';

const everythingBin = join(
  dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')),
  'dist',
  'index.js',
);

describe('resources and prompts through the gateway', () => {
  const harness = new ProxyHarness();
  let client: Client;

  beforeAll(async () => {
    const url = await harness.startWorker();
    const project = await harness.addProject([
      fixtureServerEntry('echo'),
      testServerEntry({ name: 'everything', command: process.execPath, args: [everythingBin, 'stdio'] }),
    ]);
    client = await harness.connect(url, project.key);
  });
  afterAll(() => harness.close());

  it('lists resources with their upstream URIs and reads one of them', async () => {
    const { resources } = await client.listResources();
    const document = resources.find((resource) =>
      resource.uri.startsWith('demo://resource/static/document/'),
    );
    expect(document).toBeDefined();
    const read = await client.readResource({ uri: document!.uri });
    expect(read.contents[0]?.uri).toBe(document!.uri);
    expect(String((read.contents[0] as { text?: string }).text ?? '').length).toBeGreaterThan(0);
  });

  it('lists resource templates and reads a URI that only a template covers', async () => {
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toContain(
      'demo://resource/dynamic/text/{resourceId}',
    );
    const read = await client.readResource({ uri: 'demo://resource/dynamic/text/7' });
    expect((read.contents[0] as { text?: string }).text).toContain('Resource 7');
  });

  it('refuses an unknown resource with -32602', async () => {
    const error = await client.readResource({ uri: 'nowhere://nothing' }).catch((e: unknown) => e);
    expect((error as McpError).code).toBe(-32602);
  });

  it('lists prompts under the server prefix and gets one by its prefixed name', async () => {
    const names = (await client.listPrompts()).prompts.map((prompt) => prompt.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'everything__simple-prompt',
        'everything__args-prompt',
        'everything__completable-prompt',
      ]),
    );
    expect(names.every((name) => name.startsWith('everything__'))).toBe(true);

    const prompt = await client.getPrompt({
      name: 'everything__args-prompt',
      arguments: { city: 'Lyon', state: 'Rhône' },
    });
    expect(JSON.stringify(prompt.messages)).toContain('Lyon, Rhône');
    const unprefixed = await client
      .getPrompt({ name: 'args-prompt', arguments: { city: 'x' } })
      .catch((e: unknown) => e);
    expect((unprefixed as McpError).code).toBe(-32602);
  });

  it('completes prompt and resource-template arguments', async () => {
    const prompt = await client.complete({
      ref: { type: 'ref/prompt', name: 'everything__completable-prompt' },
      argument: { name: 'department', value: 'Eng' },
    });
    expect(prompt.completion.values).toEqual(['Engineering']);
    const dependent = await client.complete({
      ref: { type: 'ref/prompt', name: 'everything__completable-prompt' },
      argument: { name: 'name', value: 'A' },
      context: { arguments: { department: 'Engineering' } },
    });
    expect(dependent.completion.values).toEqual(['Alice']);
    const template = await client.complete({
      ref: { type: 'ref/resource', uri: 'demo://resource/dynamic/text/{resourceId}' },
      argument: { name: 'resourceId', value: '3' },
    });
    expect(template.completion.values).toEqual(['3']);
  });
});
