import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../http/admin-key.guard';
import { ApiErrors, ApiIdempotent } from '../http/api-docs.decorators';
import { IdParamDto } from '../http/id-param.dto';
import { ApiKeysService } from './api-keys.service';
import {
  ApiKeyDto,
  ApiKeyPageDto,
  ApiKeyWithSecretDto,
  CreateApiKeyDto,
  ListApiKeysQueryDto,
  UpdateApiKeyDto,
} from './dto/api-key.dto';

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({
    operationId: 'createApiKey',
    summary: 'Issue a gateway key (project + user) or an admin key; the plaintext is returned only here.',
  })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: ApiKeyWithSecretDto })
  @ApiErrors(400, 404, 413, 422)
  create(@Body() body: CreateApiKeyDto): Promise<ApiKeyWithSecretDto> {
    return this.keys.create(body);
  }

  @Get()
  @ApiOperation({ operationId: 'listApiKeys', summary: 'List keys (masked), newest first.' })
  @ApiOkResponse({ type: ApiKeyPageDto })
  @ApiErrors(400)
  list(@Query() query: ListApiKeysQueryDto): Promise<ApiKeyPageDto> {
    return this.keys.list(query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getApiKey', summary: 'Get a key (masked).' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiErrors(400, 404)
  get(@Param() { id }: IdParamDto): Promise<ApiKeyDto> {
    return this.keys.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateApiKey',
    summary: 'Rename a key or change its expiry (409 for an expiry on the key you are calling with).',
  })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiErrors(400, 404, 409, 413)
  update(
    @Param() { id }: IdParamDto,
    @Body() body: UpdateApiKeyDto,
    @Req() req: AuthenticatedRequest,
  ): Promise<ApiKeyDto> {
    return this.keys.update(id, body, req.admin?.keyId);
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rotateApiKey',
    summary: 'Replace the key with a new one under the same id; the old one stops working at once.',
  })
  @ApiOkResponse({ type: ApiKeyWithSecretDto })
  @ApiErrors(400, 404)
  rotate(@Param() { id }: IdParamDto): Promise<ApiKeyWithSecretDto> {
    return this.keys.rotate(id);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'disableApiKey',
    summary: 'Disable a key everywhere (409 for the key you are calling with).',
  })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiErrors(400, 404, 409)
  disable(@Param() { id }: IdParamDto, @Req() req: AuthenticatedRequest): Promise<ApiKeyDto> {
    return this.keys.disable(id, req.admin?.keyId);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ operationId: 'enableApiKey', summary: 'Enable a disabled key again.' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiErrors(400, 404)
  enable(@Param() { id }: IdParamDto): Promise<ApiKeyDto> {
    return this.keys.enable(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteApiKey',
    summary: 'Delete a key; it stops working everywhere (409 for the key you are calling with).',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiErrors(400, 404, 409)
  remove(@Param() { id }: IdParamDto, @Req() req: AuthenticatedRequest): Promise<void> {
    return this.keys.remove(id, req.admin?.keyId);
  }
}
