import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-docs.decorators';
import { AuditStatsService } from './audit-stats.service';
import { AuditStatsQueryDto } from './dto/audit-query.dto';
import { AuditStatsDto } from './dto/audit-stats.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('stats')
export class AuditStatsController {
  constructor(private readonly stats: AuditStatsService) {}

  @Get()
  @ApiOperation({
    operationId: 'getAuditStats',
    summary: 'Calls, errors, timeouts, guardrail actions and latency percentiles per server and tool.',
    description: 'Over a window (default: the last hour), from the audit events.',
  })
  @ApiOkResponse({ type: AuditStatsDto })
  @ApiErrors(400)
  get(@Query() query: AuditStatsQueryDto): Promise<AuditStatsDto> {
    return this.stats.compute(query);
  }
}
