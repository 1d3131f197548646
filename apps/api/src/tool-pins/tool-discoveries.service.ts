import { toolDiscoverySchema, type Change, type ToolDiscovery } from '@bastion/contracts';
import { Prisma } from '@bastion/db';
import { toolDefinitionHash } from '@bastion/guardrails';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'winston';
import { LOGGER } from '../core/api-runtime';
import { ConfigWriter } from '../outbox/config-writer';
import { toToolPinEntry } from '../outbox/snapshot-entries';
import { isPoisoned } from './tool-pin.findings';
import { planDiscovery } from './tool-pin.plan';
import { ToolPinsRepository } from './tool-pins.repository';

/** What became of one discovery. */
export type DiscoveryOutcome = 'created' | 'updated' | 'unchanged' | 'discarded';

/**
 * Turns the workers' tool discoveries into pins, through the config writer so that a new or
 * changed pin reaches every worker like any other configuration change.
 */
@Injectable()
export class ToolDiscoveriesService {
  constructor(
    private readonly pins: ToolPinsRepository,
    private readonly writer: ConfigWriter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Records one discovery (a queue payload, validated here). Invalid payloads and servers deleted
   * meanwhile are discarded with a log line; database failures throw, so the job is retried.
   */
  async record(payload: unknown): Promise<DiscoveryOutcome> {
    const parsed = toolDiscoverySchema.safeParse(payload);
    if (!parsed.success)
      return this.discard('invalid tool discovery', { issues: parsed.error.issues.length });
    const discovery = parsed.data;
    if (toolDefinitionHash(discovery.definition) !== discovery.hash) {
      return this.discard('tool discovery whose hash does not match its definition', {
        report_id: discovery.id,
      });
    }
    try {
      return await this.apply(discovery);
    } catch (error) {
      // Two reports of a new tool raced to create its pin: the second one now sees the first's row.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
        return this.apply(discovery);
      throw error;
    }
  }

  private apply(discovery: ToolDiscovery): Promise<DiscoveryOutcome> {
    return this.writer.write(async (tx) => {
      const server = await this.pins.findServer(tx, discovery.serverId);
      if (!server) return { result: 'discarded' as const, changes: [] };
      const pin = await this.pins.findByTool(tx, discovery.serverId, discovery.toolName);
      const poisoned = isPoisoned(discovery.definition);
      const plan = planDiscovery(pin, discovery, server.config.pinningMode, poisoned);
      if (plan.op === 'none') return { result: 'unchanged' as const, changes: [] };
      const row =
        plan.op === 'create'
          ? await this.pins.create(tx, discovery.serverId, discovery.toolName, plan.data)
          : await this.pins.update(tx, pin!.id, plan.data);
      this.logger.log(row.status === 'pending' ? 'warn' : 'info', 'tool pin recorded', {
        server_id: row.serverId,
        tool: row.toolName,
        status: row.status,
        hash: discovery.hash,
        worker_id: discovery.workerId,
        findings: discovery.findings,
      });
      const change: Change = { op: 'upsert', entity: 'toolPins', id: row.id, data: toToolPinEntry(row) };
      return {
        result: plan.op === 'create' ? ('created' as const) : ('updated' as const),
        changes: [change],
      };
    });
  }

  private discard(message: string, fields: Record<string, unknown>): DiscoveryOutcome {
    this.logger.warn(`discarded ${message}`, fields);
    return 'discarded';
  }
}
