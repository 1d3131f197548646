import type { Change } from '@bastion/contracts';
import type { McpServerModel, Transport, Tx } from '@bastion/db';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { toPage } from '../http/pagination';
import { ConfigWriter } from '../outbox/config-writer';
import { toServerEntry, toWireEnum } from '../outbox/snapshot-entries';
import type {
  CreateMcpServerDto,
  ListMcpServersQueryDto,
  McpServerChanges,
  McpServerPageDto,
  McpServerView,
} from './dto/mcp-server.dto';
import { McpConfigsRepository } from './mcp-configs.repository';
import { toDbEnum, toMcpServerDto } from './mcp-configs.mapper';
import { McpServersRepository, type McpServerData } from './mcp-servers.repository';
import { effectivePrefix, transportProblems, type ServerShape } from './server-definition.rules';
import { ServerSecretsSealer, type SealedSecrets } from './server-secrets.sealer';

const upsertChange = (row: McpServerModel): Change => ({
  op: 'upsert',
  entity: 'servers',
  id: row.id,
  data: toServerEntry(row),
});

/** Upstream MCP servers inside a config; their secrets are sealed before they are stored. */
@Injectable()
export class McpServersService {
  constructor(
    private readonly configs: McpConfigsRepository,
    private readonly servers: McpServersRepository,
    private readonly sealer: ServerSecretsSealer,
    private readonly writer: ConfigWriter,
  ) {}

  create(configId: string, input: CreateMcpServerDto): Promise<McpServerView> {
    return this.writer.write(async (tx) => {
      await this.requireConfig(tx, configId);
      if (await this.servers.findByName(tx, configId, input.name)) throw nameTaken(input.name);
      const row = await this.insert(tx, configId, input);
      return { result: toMcpServerDto(row), changes: [upsertChange(row)] };
    });
  }

  /** Creates the server, or updates the one with the same name in the config. */
  upsert(configId: string, input: CreateMcpServerDto): Promise<{ created: boolean; server: McpServerView }> {
    return this.writer.write(async (tx) => {
      await this.requireConfig(tx, configId);
      const existing = await this.servers.findByName(tx, configId, input.name);
      const row = existing ? await this.change(tx, existing, input) : await this.insert(tx, configId, input);
      return { result: { created: !existing, server: toMcpServerDto(row) }, changes: [upsertChange(row)] };
    });
  }

  list(configId: string, query: ListMcpServersQueryDto): Promise<McpServerPageDto> {
    return this.writer.read(async (tx) => {
      await this.requireConfig(tx, configId);
      return toPage(await this.servers.list(tx, configId, query), query.limit, toMcpServerDto);
    });
  }

  get(configId: string, serverId: string): Promise<McpServerView> {
    return this.writer.read(async (tx) => toMcpServerDto(await this.requireServer(tx, configId, serverId)));
  }

  update(configId: string, serverId: string, input: McpServerChanges): Promise<McpServerView> {
    return this.writer.write(async (tx) => {
      const current = await this.requireServer(tx, configId, serverId);
      if (
        input.name &&
        input.name !== current.name &&
        (await this.servers.findByName(tx, configId, input.name))
      ) {
        throw nameTaken(input.name);
      }
      const row = await this.change(tx, current, input);
      return { result: toMcpServerDto(row), changes: [upsertChange(row)] };
    });
  }

  /** Deletes the server with its tool pins. */
  remove(configId: string, serverId: string): Promise<void> {
    return this.writer.write(async (tx) => {
      await this.requireServer(tx, configId, serverId);
      const pinIds = await this.servers.delete(tx, serverId);
      const changes: Change[] = pinIds.map((id) => ({ op: 'delete', entity: 'toolPins', id }));
      return { result: undefined, changes: [...changes, { op: 'delete', entity: 'servers', id: serverId }] };
    });
  }

  private async insert(tx: Tx, configId: string, input: CreateMcpServerDto): Promise<McpServerModel> {
    await this.check(tx, configId, null, input);
    const data = toServerData(input, this.sealer.seal(input));
    return this.servers.create(tx, configId, {
      ...data,
      name: input.name,
      transport: toDbEnum<Transport>(input.transport),
    });
  }

  private async change(tx: Tx, current: McpServerModel, input: McpServerChanges): Promise<McpServerModel> {
    const merged: ServerShape = {
      name: input.name ?? current.name,
      transport: input.transport ?? toWireEnum<ServerShape['transport']>(current.transport),
      command: input.command === undefined ? current.command : input.command,
      url: input.url === undefined ? current.url : input.url,
      toolPrefix: input.toolPrefix === undefined ? current.toolPrefix : input.toolPrefix,
    };
    await this.check(tx, current.configId, current.id, { ...input, ...merged });
    const sealed = this.sealer.seal(input, ServerSecretsSealer.stored(current));
    return this.servers.update(tx, current.id, toServerData(input, sealed));
  }

  /** Transport needs (400), policy ids (404) and tool-prefix clashes with sibling servers (409). */
  private async check(
    tx: Tx,
    configId: string,
    selfId: string | null,
    server: ServerShape & McpServerChanges,
  ) {
    const problems = transportProblems(server);
    if (problems.length > 0)
      throw new BadRequestException({ message: 'The request is invalid.', details: problems });
    const policyIds = [server.inputPolicyId, server.outputPolicyId].filter((id): id is string => !!id);
    const found = await this.servers.existingPolicyIds(tx, policyIds);
    const missing = policyIds.find((id) => !found.has(id));
    if (missing) throw new NotFoundException(`Guardrail policy ${missing} was not found.`);
    const prefix = effectivePrefix(server);
    const siblings = (await this.servers.listAll(tx, configId)).filter((sibling) => sibling.id !== selfId);
    const clash = siblings.find((sibling) => effectivePrefix(sibling) === prefix);
    if (clash)
      throw new ConflictException(`Tool prefix "${prefix}" is already used by server ${clash.name}.`);
  }

  private async requireConfig(tx: Tx, configId: string): Promise<void> {
    if (!(await this.configs.findById(tx, configId)))
      throw new NotFoundException(`MCP config ${configId} was not found.`);
  }

  private async requireServer(tx: Tx, configId: string, serverId: string): Promise<McpServerModel> {
    await this.requireConfig(tx, configId);
    const server = await this.servers.findById(tx, configId, serverId);
    if (!server) throw new NotFoundException(`Server ${serverId} was not found in MCP config ${configId}.`);
    return server;
  }
}

function nameTaken(name: string): ConflictException {
  return new ConflictException(`A server named ${name} already exists in this config.`);
}

/** Request fields → columns; secrets come in already sealed. */
function toServerData(input: McpServerChanges, sealed: Partial<SealedSecrets>): McpServerData {
  const { env: _env, headers: _headers, oauth: _oauth, transport, connectionScope, ...plain } = input;
  const data: McpServerData = { ...plain, ...sealed };
  if (transport) data.transport = toDbEnum<Transport>(transport);
  if (connectionScope) data.connectionScope = connectionScope;
  return stripUndefined(data);
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
