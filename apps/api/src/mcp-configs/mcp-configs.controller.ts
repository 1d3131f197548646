import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
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
  CopyMcpConfigDto,
  CreateMcpConfigDto,
  ListMcpConfigsQueryDto,
  McpConfigDetailDto,
  McpConfigPageDto,
  UpdateMcpConfigDto,
} from './dto/mcp-config.dto';
import { McpConfigDefinitionDto, McpConfigValidationDto } from './dto/validate-mcp-config.dto';
import { McpConfigValidatorService } from './mcp-config-validator.service';
import { McpConfigsService } from './mcp-configs.service';

@ApiTags('mcp-configs')
@ApiBearerAuth()
@Controller('mcp-configs')
export class McpConfigsController {
  constructor(
    private readonly configs: McpConfigsService,
    private readonly validator: McpConfigValidatorService,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'createMcpConfig',
    summary: 'Create an MCP config (409 if the name is taken).',
  })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: McpConfigDetailDto })
  @ApiErrors(400, 409, 413, 422)
  create(@Body() body: CreateMcpConfigDto): Promise<McpConfigDetailDto> {
    return this.configs.create(body);
  }

  @Put()
  @ApiOperation({
    operationId: 'upsertMcpConfig',
    summary: 'Create or update an MCP config by name (idempotent).',
  })
  @ApiOkResponse({ type: McpConfigDetailDto, description: 'Updated (or unchanged).' })
  @ApiCreatedResponse({ type: McpConfigDetailDto, description: 'Created.' })
  @ApiErrors(400, 413)
  async upsert(
    @Body() body: CreateMcpConfigDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<McpConfigDetailDto> {
    const { created, config } = await this.configs.upsert(body);
    response.status(created ? 201 : 200);
    return config;
  }

  @Post('validate')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'validateMcpConfig',
    summary: 'Check a whole config definition with its servers, without saving it; lists every problem.',
  })
  @ApiBody({ type: McpConfigDefinitionDto })
  @ApiOkResponse({ type: McpConfigValidationDto })
  @ApiErrors(400, 413)
  validate(@Body() body: unknown): Promise<McpConfigValidationDto> {
    return this.validator.validate(body);
  }

  @Get()
  @ApiOperation({
    operationId: 'listMcpConfigs',
    summary: 'List MCP configs with their server counts, newest first.',
  })
  @ApiOkResponse({ type: McpConfigPageDto })
  @ApiErrors(400)
  list(@Query() query: ListMcpConfigsQueryDto): Promise<McpConfigPageDto> {
    return this.configs.list(query);
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getMcpConfig',
    summary: 'Get an MCP config with its servers (secrets masked).',
  })
  @ApiOkResponse({ type: McpConfigDetailDto })
  @ApiErrors(400, 404)
  get(@Param() { id }: IdParamDto): Promise<McpConfigDetailDto> {
    return this.configs.get(id);
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateMcpConfig', summary: 'Change an MCP config.' })
  @ApiOkResponse({ type: McpConfigDetailDto })
  @ApiErrors(400, 404, 409, 413)
  update(@Param() { id }: IdParamDto, @Body() body: UpdateMcpConfigDto): Promise<McpConfigDetailDto> {
    return this.configs.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteMcpConfig',
    summary:
      'Delete an MCP config with its servers and tool pins; projects serving it are left without a config.',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiErrors(400, 404)
  remove(@Param() { id }: IdParamDto): Promise<void> {
    return this.configs.remove(id);
  }

  @Post(':id/copy')
  @ApiOperation({
    operationId: 'copyMcpConfig',
    summary: 'Copy an MCP config with all its servers under a new name (tool pins are not copied).',
  })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: McpConfigDetailDto })
  @ApiErrors(400, 404, 409, 413, 422)
  copy(@Param() { id }: IdParamDto, @Body() body: CopyMcpConfigDto): Promise<McpConfigDetailDto> {
    return this.configs.copy(id, body);
  }
}
