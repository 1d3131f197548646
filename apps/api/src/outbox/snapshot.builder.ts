import { emptySnapshot, type Snapshot } from '@bastion/contracts';
import { PrismaService } from '@bastion/db';
import { Injectable } from '@nestjs/common';
import {
  toConfigEntry,
  toKeyEntry,
  toPolicyEntry,
  toProjectEntry,
  toServerEntry,
  toToolPinEntry,
} from './snapshot-entries';

const byId = <T extends { id: string }>(entries: T[]) =>
  Object.fromEntries(entries.map((entry) => [entry.id, entry]));

/** Reads the whole serving configuration from Postgres, consistent with one config version. */
@Injectable()
export class SnapshotBuilder {
  constructor(private readonly prisma: PrismaService) {}

  async build(): Promise<Snapshot> {
    // REPEATABLE READ: every table is read as of the same moment as config_state's version.
    return this.prisma.$transaction(
      async (tx) => {
        const [state, keys, projects, configs, servers, policies, pins] = await Promise.all([
          tx.configState.findUniqueOrThrow({ where: { id: 1 } }),
          tx.apiKey.findMany({ where: { kind: 'gateway' } }),
          tx.project.findMany(),
          tx.mcpConfig.findMany(),
          tx.mcpServer.findMany(),
          tx.guardrailPolicy.findMany(),
          tx.toolPin.findMany(),
        ]);
        return {
          ...emptySnapshot(),
          version: Number(state.version),
          keys: byId(keys.map(toKeyEntry)),
          projects: byId(projects.map(toProjectEntry)),
          configs: byId(configs.map(toConfigEntry)),
          servers: byId(servers.map(toServerEntry)),
          policies: byId(policies.map(toPolicyEntry)),
          toolPins: byId(pins.map(toToolPinEntry)),
        };
      },
      { isolationLevel: 'RepeatableRead' },
    );
  }
}
