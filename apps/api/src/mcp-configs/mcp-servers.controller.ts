import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors, ApiIdempotent } from '../http/api-docs.decorators';
import { IdParamDto } from '../http/id-param.dto';
import {
  CreateMcpServerDto,
  ListMcpServersQueryDto,
  McpServerDto,
  McpServerPageDto,
  ServerParamsDto,
  UpdateMcpServerDto,
} from './dto/mcp-server.dto';
import { McpServersService } from './mcp-servers.service';

@ApiTags('mcp-configs')
@ApiBearerAuth()
@Controller('mcp-configs/:id/servers')
export class McpServersController {
  constructor(private readonly servers: McpServersService) {}

  @Post()
  @ApiOperation({
    operationId: 'createMcpServer',
    summary: 'Add a server to an MCP config (409 if the name or tool prefix is taken in the config).',
  })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: McpServerDto })
  @ApiErrors(400, 404, 409, 413, 422)
  create(@Param() { id }: IdParamDto, @Body() body: CreateMcpServerDto): Promise<McpServerDto> {
    return this.servers.create(id, body);
  }

  @Put()
  @ApiOperation({
    operationId: 'upsertMcpServer',
    summary: 'Create or update a server of an MCP config by name (idempotent).',
  })
  @ApiOkResponse({ type: McpServerDto, description: 'Updated (or unchanged).' })
  @ApiCreatedResponse({ type: McpServerDto, description: 'Created.' })
  @ApiErrors(400, 404, 409, 413)
  async upsert(
    @Param() { id }: IdParamDto,
    @Body() body: CreateMcpServerDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<McpServerDto> {
    const { created, server } = await this.servers.upsert(id, body);
    response.status(created ? 201 : 200);
    return server;
  }

  @Get()
  @ApiOperation({
    operationId: 'listMcpServers',
    summary: 'List the servers of an MCP config, newest first.',
  })
  @ApiOkResponse({ type: McpServerPageDto })
  @ApiErrors(400, 404)
  list(@Param() { id }: IdParamDto, @Query() query: ListMcpServersQueryDto): Promise<McpServerPageDto> {
    return this.servers.list(id, query);
  }

  @Get(':serverId')
  @ApiOperation({ operationId: 'getMcpServer', summary: 'Get a server of an MCP config (secrets masked).' })
  @ApiOkResponse({ type: McpServerDto })
  @ApiErrors(400, 404)
  get(@Param() { id, serverId }: ServerParamsDto): Promise<McpServerDto> {
    return this.servers.get(id, serverId);
  }

  @Patch(':serverId')
  @ApiOperation({
    operationId: 'updateMcpServer',
    summary: 'Change a server; "********" keeps a stored secret, env/headers given replace the whole map.',
  })
  @ApiOkResponse({ type: McpServerDto })
  @ApiErrors(400, 404, 409, 413)
  update(
    @Param() { id, serverId }: ServerParamsDto,
    @Body() body: UpdateMcpServerDto,
  ): Promise<McpServerDto> {
    return this.servers.update(id, serverId, body);
  }

  @Delete(':serverId')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteMcpServer',
    summary: 'Delete a server of an MCP config with its tool pins.',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiErrors(400, 404)
  remove(@Param() { id, serverId }: ServerParamsDto): Promise<void> {
    return this.servers.remove(id, serverId);
  }
}
