import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-docs.decorators';
import { IdParamDto } from '../http/id-param.dto';
import {
  ApproveToolPinQueryDto,
  ListToolPinsQueryDto,
  ToolPinDetailDto,
  ToolPinPageDto,
} from './dto/tool-pin.dto';
import { ToolPinsService } from './tool-pins.service';

@ApiTags('tool-pins')
@ApiBearerAuth()
@Controller('tool-pins')
export class ToolPinsController {
  constructor(private readonly pins: ToolPinsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listToolPins',
    summary: 'List pinned tool definitions, newest first.',
    description:
      'Workers pin every upstream tool by the hash of its definition when they first see it. `pending` pins are tools held back until an admin approves them: changed since approval (a "rug pull"), new under `require-approval`, with a description that reads like instructions to the model, or with a name that looks like another tool\'s.',
  })
  @ApiOkResponse({ type: ToolPinPageDto })
  @ApiErrors(400)
  list(@Query() query: ListToolPinsQueryDto): Promise<ToolPinPageDto> {
    return this.pins.list(query);
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getToolPin',
    summary: 'Get a pin with its approved and pending definitions, the diff between them, and findings.',
  })
  @ApiOkResponse({ type: ToolPinDetailDto })
  @ApiErrors(400, 404)
  get(@Param() { id }: IdParamDto): Promise<ToolPinDetailDto> {
    return this.pins.get(id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'approveToolPin',
    summary:
      'Approve the pending definition; every worker exposes the tool again (409 when nothing is pending).',
  })
  @ApiOkResponse({ type: ToolPinDetailDto })
  @ApiErrors(400, 404, 409)
  approve(@Param() { id }: IdParamDto, @Query() query: ApproveToolPinQueryDto): Promise<ToolPinDetailDto> {
    return this.pins.approve(id, query.hash);
  }

  @Post(':id/reject')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'rejectToolPin',
    summary: 'Drop the pending definition (409 when nothing is pending).',
    description:
      "The tool keeps its approved definition and stays held back while the upstream serves another one; a tool that was never approved is forgotten (it stays held back, and a worker that lists it again reports it anew). To keep a tool out for good, deny it in its server's `toolsDeny`.",
  })
  @ApiNoContentResponse({ description: 'Rejected.' })
  @ApiErrors(400, 404, 409)
  reject(@Param() { id }: IdParamDto): Promise<void> {
    return this.pins.reject(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteToolPin',
    summary: 'Forget a pin: the next discovery of the tool starts over as a new tool.',
  })
  @ApiNoContentResponse({ description: 'Forgotten.' })
  @ApiErrors(400, 404)
  remove(@Param() { id }: IdParamDto): Promise<void> {
    return this.pins.forget(id);
  }
}
