// A held-back tool, as the client and the audit trail learn of it: the api and two proxy workers as
// separate processes, the rug-pull fixture changing its tool after the first call. A session that
// enabled logging gets one `notifications/message` (logger `bastion`, level `warning`) naming the
// server and tool — never the description under review — however often and on whichever worker it
// lists again; another session gets its own. Each notice is a `tool.held` audit event; the refused
// tools/call is audited as the -32021 error it is.
import { busKeys } from '@bastion/bus';
import { fixtureServerCommand } from '@bastion/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  LoggingMessageNotificationSchema,
  ToolListChangedNotificationSchema,
  type LoggingMessageNotification,
} from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { waitFor } from './proxy-harness';
import type { ProvisionedProject } from './support/bastion-cluster';
import { useClusterSuite } from './support/cluster-suite';
import { mcpPost, rpcRequest } from './support/raw-mcp';
import { connectSplit, waitForSubscribers } from './support/sdk-clients';

type LogParams = LoggingMessageNotification['params'];
type AuditItem = Record<string, any>;

describe('held-back tool notice', () => {
  const suite = useClusterSuite(2, 'tool-held-back-spec');
  const { redis, clients } = suite;

  /** A session with its POSTs on `postUrl` and its GET stream on `streamUrl`, logging at `info`. */
  async function connect(postUrl: string, streamUrl: string, project: ProvisionedProject) {
    const client = await connectSplit(postUrl, streamUrl, project.key);
    clients.push(client);
    const seen = { listChanged: 0, notices: [] as LogParams[] };
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => void (seen.listChanged += 1));
    client.setNotificationHandler(LoggingMessageNotificationSchema, ({ params }) => {
      if (params.logger === 'bastion') seen.notices.push(params);
    });
    await client.setLoggingLevel('info');
    return { client, seen, sessionId: (client.transport as { sessionId?: string }).sessionId! };
  }

  const toolNames = async (client: Client) =>
    (await client.listTools()).tools.map((tool) => tool.name).sort();

  const audit = async (project: ProvisionedProject, query: string): Promise<AuditItem[]> =>
    (await suite.cluster.ok('GET', `/audit-events?projectId=${project.projectId}&${query}`)).items;

  /** Lets a notice published by a listing arrive before the test counts what arrived. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

  it('tells each session once that a rug-pulled tool is held back pending approval, and audits it', async () => {
    const project = await suite.provision(
      [
        {
          name: 'rug',
          transport: 'stdio',
          ...fixtureServerCommand('rug-pull'),
          env: { RUG_PULL_AFTER: '1' },
        },
      ],
      {},
      15_000,
    );
    const [first, second] = suite.cluster.mcpUrls as [string, string];
    const one = await connect(first, second, project);
    await waitForSubscribers(redis, busKeys(suite.cluster.prefix).projectChannel(project.projectId), 1);

    expect(await toolNames(one.client)).toEqual(['rug__get_weather', 'rug__stable']);
    await waitFor(async () => {
      const pins = (await suite.cluster.ok('GET', `/tool-pins?configId=${project.configId}`)).items as any[];
      return pins.length === 2 && pins.every((pin) => pin.status === 'approved');
    }, 10_000);
    await one.client.callTool({ name: 'rug__get_weather', arguments: { city: 'Paris' } }); // the pull
    await waitFor(() => one.seen.listChanged >= 1);

    expect(await toolNames(one.client)).toEqual(['rug__stable']);
    await waitFor(() => one.seen.notices.length >= 1);
    const [notice] = one.seen.notices;
    expect(notice).toMatchObject({
      level: 'warning',
      logger: 'bastion',
      data: {
        event: 'tool.held_back',
        server: 'rug',
        tool: 'rug__get_weather',
        reason: 'changed',
        message:
          "Tool rug__get_weather of server rug is held back pending an admin's approval: its definition changed since it was approved.",
      },
    });
    expect(JSON.stringify(notice)).not.toMatch(/IMPORTANT|id_rsa|notes|Gets the current weather/);

    // Listing again, here and through the other worker, tells this session nothing new.
    await toolNames(one.client);
    const again = await mcpPost(second, project.key, rpcRequest('tools/list'), one.sessionId);
    expect(again.response?.result?.tools.map((tool: { name: string }) => tool.name)).toEqual(['rug__stable']);
    await toolNames(one.client);
    await settle();
    expect(one.seen.notices).toHaveLength(1);

    // Another session of the project gets its own notice, once.
    const two = await connect(second, first, project);
    expect(await toolNames(two.client)).toEqual(['rug__stable']);
    await waitFor(() => two.seen.notices.length >= 1);
    await toolNames(two.client);
    await settle();
    expect(two.seen.notices.map((n) => (n.data as { tool: string }).tool)).toEqual(['rug__get_weather']);
    expect(one.seen.notices).toHaveLength(1);

    await expect(
      one.client.callTool({ name: 'rug__get_weather', arguments: { city: 'Paris' } }),
    ).rejects.toThrow(/-32021/);
    let held: AuditItem[] = [];
    await waitFor(async () => {
      held = await audit(project, 'type=tool.held');
      const refused = await audit(project, 'type=error&method=tools/call');
      return held.length >= 2 && refused.some((event) => event.errorCode === -32021);
    }, 10_000);
    expect(held).toHaveLength(2);
    expect(new Set(held.map((event) => event.sessionId)).size).toBe(2);
    for (const event of held) {
      expect(event).toMatchObject({
        type: 'tool.held',
        method: 'tools/list',
        server: 'rug',
        tool: 'get_weather',
        status: 'denied',
        payload: { reason: 'changed', hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });
    }
  });
});
