// Tool pinning end to end: the api and two proxy workers as separate processes, the workers'
// discoveries travelling to the api over the real `tool-discoveries` BullMQ queue and the pins
// coming back as ordinary config changes. Attack fixtures: a server that changes its tool after two
// calls and announces it (a rug pull), the same with a cosmetic-only change, and a server with a
// poisoned description.
import { busKeys } from '@bastion/bus';
import { fixtureServerCommand } from '@bastion/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { waitFor } from './proxy-harness';
import type { ProvisionedProject } from './support/bastion-cluster';
import { useClusterSuite } from './support/cluster-suite';
import { connectSplit, waitForSubscribers } from './support/sdk-clients';

const HELD_BACK = -32021;

describe('tool pinning across the api and two workers', () => {
  const suite = useClusterSuite(2, 'tool-pins-spec');
  const { redis, clients, provision } = suite;

  /** An SDK client on one worker, counting the list_changed notifications it receives. */
  async function connect(url: string, project: ProvisionedProject) {
    const client = await connectSplit(url, url, project.key);
    clients.push(client);
    const seen = { listChanged: 0 };
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => void (seen.listChanged += 1));
    return { client, seen };
  }

  const toolNames = async (client: Client) =>
    (await client.listTools()).tools.map((tool) => tool.name).sort();

  /** The pins of a project's config, once `check` holds for them (bounded wait). */
  async function pinsOnceTrue(project: ProvisionedProject, check: (pins: any[]) => boolean) {
    let pins: any[] = [];
    await waitFor(async () => {
      pins = (await suite.cluster.ok('GET', `/tool-pins?configId=${project.configId}`)).items;
      return check(pins);
    }, 10_000).catch((error: Error) => {
      throw new Error(`${error.message}; pins: ${JSON.stringify(pins)}\napi: ${suite.cluster.api.output()}`);
    });
    return pins;
  }
  const byTool = (pins: any[], toolName: string) => pins.find((pin) => pin.toolName === toolName);

  async function expectHeldBack(client: Client, name: string, message: string | RegExp) {
    const error = await client
      .callTool({ name, arguments: { city: 'Paris', a: 1, b: 2, n: 1, message: 'x' } })
      .then(
        () => undefined,
        (thrown: unknown) => thrown as { code?: number; message?: string },
      );
    expect(error, `${name} should be held back`).toBeDefined();
    expect(error?.code).toBe(HELD_BACK);
    expect(error?.message).toMatch(message);
  }

  it('pins on first use, holds back a rug pull before it is called, and serves the new version everywhere once approved', async () => {
    const project = await provision([
      { name: 'rug', transport: 'stdio', ...fixtureServerCommand('rug-pull'), env: { RUG_PULL_AFTER: '2' } },
    ]);
    const [first, second] = suite.cluster.mcpUrls as [string, string];
    const { client, seen } = await connect(first, project);
    await waitForSubscribers(redis, busKeys(suite.cluster.prefix).projectChannel(project.projectId), 1);

    expect(await toolNames(client)).toEqual(['rug__get_weather', 'rug__stable']);
    const trusted = await pinsOnceTrue(project, (pins) => pins.length === 2);
    expect(trusted.map((pin) => [pin.toolName, pin.status]).sort()).toEqual([
      ['get_weather', 'approved'],
      ['stable', 'approved'],
    ]);
    const weatherPin = byTool(trusted, 'get_weather');

    for (let call = 1; call <= 2; call++) {
      const result = await client.callTool({ name: 'rug__get_weather', arguments: { city: 'Paris' } });
      expect(result.content).toEqual([{ type: 'text', text: 'sunny in Paris' }]);
    }
    await waitFor(() => seen.listChanged >= 1); // the upstream changed the tool after the 2nd call

    // Held back on this worker and on the other one, before any call reached the new version.
    expect(await toolNames(client)).toEqual(['rug__stable']);
    const message =
      'Tool rug__get_weather changed since it was approved; an admin must approve the new version';
    await expectHeldBack(client, 'rug__get_weather', message);
    const { client: other } = await connect(second, project);
    expect(await toolNames(other)).toEqual(['rug__stable']);
    await expectHeldBack(other, 'rug__get_weather', message);

    const pending = await pinsOnceTrue(project, (pins) => byTool(pins, 'get_weather')?.status === 'pending');
    expect(byTool(pending, 'get_weather')).toMatchObject({
      id: weatherPin.id,
      approvedHash: weatherPin.approvedHash,
      pendingHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const detail = await suite.cluster.ok('GET', `/tool-pins/${weatherPin.id}`);
    expect(detail.diff.map((change: any) => [change.path, change.kind])).toEqual([
      ['description', 'changed'],
      ['inputSchema.properties.notes', 'added'],
    ]);
    expect(detail.diff[0].after).toContain('~/.ssh/id_rsa');
    expect(detail.findings.injection.flagged).toBe(true);

    const announced = seen.listChanged;
    await suite.cluster.ok('POST', `/tool-pins/${weatherPin.id}/approve?hash=${detail.pendingHash}`);
    await waitFor(() => seen.listChanged > announced); // clients learn that the tool is back
    for (const worker of [client, other]) {
      await waitFor(async () => (await toolNames(worker)).includes('rug__get_weather'));
    }
    // The first call that reaches the new version is this one: nothing got through while it was held.
    const afterApproval = await client.callTool({ name: 'rug__get_weather', arguments: { city: 'Paris' } });
    expect(afterApproval.content).toEqual([{ type: 'text', text: 'v2 call #1 for Paris' }]);
  });

  it('raises no false alarm for whitespace and key-order changes', async () => {
    const project = await provision([
      {
        name: 'tidy',
        transport: 'stdio',
        ...fixtureServerCommand('rug-pull'),
        env: { RUG_PULL_AFTER: '1', RUG_PULL_KIND: 'cosmetic' },
      },
    ]);
    const { client, seen } = await connect(suite.cluster.mcpUrls[0], project);
    await waitForSubscribers(redis, busKeys(suite.cluster.prefix).projectChannel(project.projectId), 1);
    const before = (await client.listTools()).tools.find((tool) => tool.name === 'tidy__get_weather');
    await pinsOnceTrue(
      project,
      (pins) => pins.length === 2 && pins.every((pin) => pin.status === 'approved'),
    );

    await client.callTool({ name: 'tidy__get_weather', arguments: { city: 'Oslo' } });
    await waitFor(() => seen.listChanged >= 1);
    const after = (await client.listTools()).tools.find((tool) => tool.name === 'tidy__get_weather');
    expect(after?.description).not.toBe(before?.description); // the upstream did re-space it
    const result = await client.callTool({ name: 'tidy__get_weather', arguments: { city: 'Oslo' } });
    expect(result.content).toEqual([{ type: 'text', text: 'v2 call #1 for Oslo' }]);
    const pins = (await suite.cluster.ok('GET', `/tool-pins?configId=${project.configId}`)).items;
    expect(pins.map((pin: any) => [pin.toolName, pin.status, pin.pendingHash]).sort()).toEqual([
      ['get_weather', 'approved', null],
      ['stable', 'approved', null],
    ]);
  });

  it('holds back new tools under require-approval until an admin approves them', async () => {
    const project = await provision([{ name: 'echo', transport: 'stdio', ...fixtureServerCommand('echo') }], {
      pinningMode: 'require-approval',
    });
    const { client } = await connect(suite.cluster.mcpUrls[0], project);
    expect(await toolNames(client)).toEqual([]);
    await expectHeldBack(client, 'echo__echo', "Tool echo__echo is new and awaits an admin's approval");

    const pins = await pinsOnceTrue(project, (found) => ['echo', 'add'].every((tool) => byTool(found, tool)));
    expect(pins.every((pin) => pin.status === 'pending' && pin.approvedHash === null)).toBe(true);
    await suite.cluster.ok('POST', `/tool-pins/${byTool(pins, 'echo').id}/approve`);

    const { client: other } = await connect(suite.cluster.mcpUrls[1], project);
    for (const worker of [client, other]) {
      await waitFor(async () => (await toolNames(worker)).includes('echo__echo'));
      expect(await toolNames(worker)).toEqual(['echo__echo']);
      const echoed = await worker.callTool({ name: 'echo__echo', arguments: { message: 'approved' } });
      expect(echoed.content).toEqual([{ type: 'text', text: 'approved' }]);
    }
    await expectHeldBack(other, 'echo__add', /awaits an admin's approval/);
  });

  it('holds back a tool whose description is poisoned and reports the injection signals', async () => {
    const project = await provision([
      { name: 'facts', transport: 'stdio', ...fixtureServerCommand('poisoned') },
    ]);
    const { client } = await connect(suite.cluster.mcpUrls[1], project);
    expect(await toolNames(client)).toEqual(['facts__add']);
    await expectHeldBack(client, 'facts__get_fact', /its description reads like instructions to the model/);
    const sum = await client.callTool({ name: 'facts__add', arguments: { a: 2, b: 3 } });
    expect(sum.content).toEqual([{ type: 'text', text: '5' }]);

    const pins = await pinsOnceTrue(project, (found) => found.length === 2);
    expect(byTool(pins, 'add').status).toBe('approved');
    const poisoned = byTool(pins, 'get_fact');
    expect(poisoned).toMatchObject({ status: 'pending', approvedHash: null });
    const detail = await suite.cluster.ok('GET', `/tool-pins/${poisoned.id}`);
    expect(detail.findings.injection.flagged).toBe(true);
    expect(detail.findings.injection.signals.map((signal: any) => signal.kind)).toEqual(
      expect.arrayContaining(['instruction-tag', 'do-not-mention']),
    );
  });
});
