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
  CreateGuardrailPolicyDto,
  GuardrailPolicyDto,
  GuardrailPolicyPageDto,
  ListGuardrailPoliciesQueryDto,
  UpdateGuardrailPolicyDto,
} from './dto/guardrail-policy.dto';
import { GuardrailPoliciesService } from './guardrail-policies.service';

@ApiTags('guardrail-policies')
@ApiBearerAuth()
@Controller('guardrail-policies')
export class GuardrailPoliciesController {
  constructor(private readonly policies: GuardrailPoliciesService) {}

  @Post()
  @ApiOperation({
    operationId: 'createGuardrailPolicy',
    summary: 'Create a guardrail policy (409 if the name is taken).',
    description: 'Detector options are checked now: a bad or catastrophically backtracking regex is a 400.',
  })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: GuardrailPolicyDto })
  @ApiErrors(400, 409, 413, 422)
  create(@Body() body: CreateGuardrailPolicyDto): Promise<GuardrailPolicyDto> {
    return this.policies.create(body);
  }

  @Put()
  @ApiOperation({
    operationId: 'upsertGuardrailPolicy',
    summary: 'Create or replace a guardrail policy by name (idempotent).',
    description:
      'The body is the whole policy: omitted fields take their defaults. An unchanged policy is not republished.',
  })
  @ApiOkResponse({ type: GuardrailPolicyDto, description: 'Updated (or unchanged).' })
  @ApiCreatedResponse({ type: GuardrailPolicyDto, description: 'Created.' })
  @ApiErrors(400, 413)
  async upsert(
    @Body() body: CreateGuardrailPolicyDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<GuardrailPolicyDto> {
    const { created, policy } = await this.policies.upsert(body);
    response.status(created ? 201 : 200);
    return policy;
  }

  @Get()
  @ApiOperation({ operationId: 'listGuardrailPolicies', summary: 'List guardrail policies, newest first.' })
  @ApiOkResponse({ type: GuardrailPolicyPageDto })
  @ApiErrors(400)
  list(@Query() query: ListGuardrailPoliciesQueryDto): Promise<GuardrailPolicyPageDto> {
    return this.policies.list(query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getGuardrailPolicy', summary: 'Get a guardrail policy.' })
  @ApiOkResponse({ type: GuardrailPolicyDto })
  @ApiErrors(400, 404)
  get(@Param() { id }: IdParamDto): Promise<GuardrailPolicyDto> {
    return this.policies.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateGuardrailPolicy',
    summary: 'Change a guardrail policy; `rules`, when given, replaces the whole list.',
  })
  @ApiOkResponse({ type: GuardrailPolicyDto })
  @ApiErrors(400, 404, 409, 413)
  update(@Param() { id }: IdParamDto, @Body() body: UpdateGuardrailPolicyDto): Promise<GuardrailPolicyDto> {
    return this.policies.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteGuardrailPolicy',
    summary: 'Delete a guardrail policy (409 naming the servers that still use it).',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiErrors(400, 404, 409)
  remove(@Param() { id }: IdParamDto): Promise<void> {
    return this.policies.remove(id);
  }
}
