import type { Change } from '@bastion/contracts';
import type { McpConfigModel, PinningMode, Tx } from '@bastion/db';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { toPage } from '../http/pagination';
import { ConfigWriter } from '../outbox/config-writer';
import { toConfigEntry, toProjectEntry, toServerEntry } from '../outbox/snapshot-entries';
import type {
  CopyMcpConfigDto,
  CreateMcpConfigDto,
  ListMcpConfigsQueryDto,
  McpConfigDetailView,
  McpConfigPageDto,
  UpdateMcpConfigDto,
} from './dto/mcp-config.dto';
import { McpConfigsRepository, type McpConfigData } from './mcp-configs.repository';
import { toDbEnum, toMcpConfigDetailDto, toMcpConfigDto } from './mcp-configs.mapper';
import { McpServersRepository } from './mcp-servers.repository';

const upsertChange = (row: McpConfigModel): Change => ({
  op: 'upsert',
  entity: 'configs',
  id: row.id,
  data: toConfigEntry(row),
});

/** MCP configs: named sets of upstream servers that projects serve. */
@Injectable()
export class McpConfigsService {
  constructor(
    private readonly configs: McpConfigsRepository,
    private readonly servers: McpServersRepository,
    private readonly writer: ConfigWriter,
  ) {}

  create(input: CreateMcpConfigDto): Promise<McpConfigDetailView> {
    return this.writer.write(async (tx) => {
      if (await this.configs.findByName(tx, input.name)) throw nameTaken(input.name);
      const row = await this.configs.create(tx, { ...toConfigData(input), name: input.name });
      return { result: toMcpConfigDetailDto(row, []), changes: [upsertChange(row)] };
    });
  }

  /** Creates the config, or updates the one with the same name; unchanged configs publish nothing. */
  upsert(input: CreateMcpConfigDto): Promise<{ created: boolean; config: McpConfigDetailView }> {
    return this.writer.write<{ created: boolean; config: McpConfigDetailView }>(async (tx) => {
      const existing = await this.configs.findByName(tx, input.name);
      if (!existing) {
        const row = await this.configs.create(tx, { ...toConfigData(input), name: input.name });
        return {
          result: { created: true, config: toMcpConfigDetailDto(row, []) },
          changes: [upsertChange(row)],
        };
      }
      const data = toConfigData(input);
      const changed = Object.entries(data).some(
        ([key, value]) => existing[key as keyof McpConfigData] !== value,
      );
      const row = changed ? await this.configs.update(tx, existing.id, data) : existing;
      const config = toMcpConfigDetailDto(row, await this.servers.listAll(tx, row.id));
      return { result: { created: false, config }, changes: changed ? [upsertChange(row)] : [] };
    });
  }

  list(query: ListMcpConfigsQueryDto): Promise<McpConfigPageDto> {
    return this.writer.read(async (tx) =>
      toPage(await this.configs.list(tx, query), query.limit, toMcpConfigDto),
    );
  }

  get(id: string): Promise<McpConfigDetailView> {
    return this.writer.read(async (tx) => this.detail(tx, await this.require(tx, id)));
  }

  update(id: string, input: UpdateMcpConfigDto): Promise<McpConfigDetailView> {
    return this.writer.write(async (tx) => {
      await this.require(tx, id);
      const clash = input.name ? await this.configs.findByName(tx, input.name) : null;
      if (clash && clash.id !== id) throw nameTaken(input.name!);
      const row = await this.configs.update(tx, id, { ...toConfigData(input), name: input.name });
      return { result: await this.detail(tx, row), changes: [upsertChange(row)] };
    });
  }

  /** Deletes the config with its servers and tool pins; projects serving it are left without a config. */
  remove(id: string): Promise<void> {
    return this.writer.write(async (tx) => {
      await this.require(tx, id);
      const deleted = await this.configs.delete(tx, id);
      const changes: Change[] = [
        ...deleted.toolPinIds.map((pinId): Change => ({ op: 'delete', entity: 'toolPins', id: pinId })),
        ...deleted.serverIds.map((serverId): Change => ({ op: 'delete', entity: 'servers', id: serverId })),
        ...deleted.projects.map(
          (p): Change => ({ op: 'upsert', entity: 'projects', id: p.id, data: toProjectEntry(p) }),
        ),
        { op: 'delete', entity: 'configs', id },
      ];
      return { result: undefined, changes };
    });
  }

  /** A new config with copies of every server (sealed secrets as they are; tool pins are not copied). */
  copy(id: string, input: CopyMcpConfigDto): Promise<McpConfigDetailView> {
    return this.writer.write(async (tx) => {
      const source = await this.require(tx, id);
      if (await this.configs.findByName(tx, input.name)) throw nameTaken(input.name);
      const { description, pinningMode, metaToolsEnabled, auditCapture } = source;
      const row = await this.configs.create(tx, {
        name: input.name,
        description,
        pinningMode,
        metaToolsEnabled,
        auditCapture,
      });
      const servers = await this.servers.copyAll(tx, source.id, row.id);
      const serverChanges = servers.map(
        (s): Change => ({ op: 'upsert', entity: 'servers', id: s.id, data: toServerEntry(s) }),
      );
      return { result: toMcpConfigDetailDto(row, servers), changes: [upsertChange(row), ...serverChanges] };
    });
  }

  private async detail(tx: Tx, row: McpConfigModel): Promise<McpConfigDetailView> {
    return toMcpConfigDetailDto(row, await this.servers.listAll(tx, row.id));
  }

  private async require(tx: Tx, id: string): Promise<McpConfigModel> {
    const config = await this.configs.findById(tx, id);
    if (!config) throw new NotFoundException(`MCP config ${id} was not found.`);
    return config;
  }
}

function nameTaken(name: string): ConflictException {
  return new ConflictException(`An MCP config named ${name} already exists.`);
}

/** The optional fields a request gives, as columns (undefined ones left out). */
function toConfigData(input: Omit<UpdateMcpConfigDto, 'name'>): McpConfigData {
  const data: McpConfigData = {};
  if (input.description !== undefined) data.description = input.description;
  if (input.pinningMode !== undefined) data.pinningMode = toDbEnum<PinningMode>(input.pinningMode);
  if (input.metaToolsEnabled !== undefined) data.metaToolsEnabled = input.metaToolsEnabled;
  if (input.auditCapture !== undefined) data.auditCapture = input.auditCapture;
  return data;
}
