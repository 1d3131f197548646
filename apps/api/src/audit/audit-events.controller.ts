import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '../http/api-docs.decorators';
import { AuditEventsService } from './audit-events.service';
import { AuditExportService } from './audit-export.service';
import { AuditTailHub } from './audit-tail.hub';
import { AuditEventPageDto } from './dto/audit-event.dto';
import { AuditExportQueryDto, AuditSearchQueryDto, AuditTailQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditEventsController {
  constructor(
    private readonly events: AuditEventsService,
    private readonly tail: AuditTailHub,
    private readonly exporter: AuditExportService,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'searchAuditEvents',
    summary: 'Search audit events, newest first (default window: the last 24 hours).',
  })
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiErrors(400)
  search(@Query() query: AuditSearchQueryDto): Promise<AuditEventPageDto> {
    return this.events.search(query);
  }

  @Get('stream')
  @ApiOperation({
    operationId: 'tailAuditEvents',
    summary: 'Live tail: new audit events matching the filters, as Server-Sent Events.',
    description:
      'Sends `event: ready` once live, then one `data:` frame (an audit event as JSON, `id:` its id) per ' +
      'stored event that matches, a comment line every 15 s, and `event: dropped` with `{count}` when a ' +
      'slow client missed events. Runs until the client disconnects.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An endless event stream.', schema: { type: 'string' } })
  @ApiErrors(400)
  stream(@Query() query: AuditTailQueryDto, @Res() response: Response): Promise<void> {
    return this.tail.open(query, response);
  }

  @Get('export')
  @ApiOperation({
    operationId: 'exportAuditEvents',
    summary: 'Download every matching audit event as NDJSON or CSV (streamed, newest first).',
    description:
      'Same filters as search, without paging. CSV has a header row; cells are quoted as RFC 4180 says, and ' +
      "text cells a spreadsheet would run as a formula (starting with =, +, -, @) get a leading '.",
  })
  @ApiProduces('application/x-ndjson', 'text/csv')
  @ApiOkResponse({ description: 'An attachment (Content-Disposition).', schema: { type: 'string' } })
  @ApiErrors(400)
  export(@Query() query: AuditExportQueryDto, @Res() response: Response): Promise<void> {
    return this.exporter.export(query, response);
  }
}
