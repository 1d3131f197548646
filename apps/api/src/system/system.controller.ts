import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '../http/api-docs.decorators';
import { BackupService } from './backup.service';
import { BackupDocumentDto, RestoreResultDto } from './dto/backup.dto';
import { SystemVersionDto } from './dto/system-version.dto';
import { SystemService } from './system.service';

const RESTORE_DESCRIPTION = [
  'Replaces the contents of every backed-up table (users, projects, memberships, keys, MCP configs and servers,',
  'guardrail policies, tool pins) with the backup’s, in one transaction: on any failure nothing changes.',
  'Audit events and idempotency records are kept. The workers reload the whole configuration at once.',
  '\n\n**Admin keys are replaced too**: the admin key you call this with must be in the backup (active) to keep',
  'working afterwards; a backup without any active admin key is refused (409).',
  'Sealed secret values are restored as they are: the server must run with the same `BASTION_MASTER_KEY` as the',
  'one that took the backup, or upstream credentials cannot be opened. Guardrail policies’ remote header values',
  'are checked as opened (at most 8,192 characters); ones a backup taken before they were sealed carries in',
  'plaintext are sealed before they are stored.',
  '\n\nRefused with 422: an unknown `formatVersion`, or a `schemaVersion` newer than this database’s latest',
  'migration (upgrade first). The request body is limited to `API_BODY_LIMIT_BYTES` (1 MiB by default, else 413):',
  'raise it to restore a larger backup.',
].join(' ');

@ApiTags('system')
@ApiBearerAuth()
@Controller('system')
export class SystemController {
  constructor(
    private readonly system: SystemService,
    private readonly backups: BackupService,
  ) {}

  @Get('version')
  @ApiOperation({
    operationId: 'getSystemVersion',
    summary: 'Bastion, database schema and configuration versions.',
  })
  @ApiOkResponse({ type: SystemVersionDto })
  @ApiErrors()
  version(): Promise<SystemVersionDto> {
    return this.system.version();
  }

  @Get('backup')
  @ApiOperation({
    operationId: 'exportBackup',
    summary: 'Download a full backup of configuration and identities (JSON).',
    description:
      'Every column of users, projects, memberships, keys (hashes and hints only: plaintext keys are never stored), ' +
      'MCP configs, servers (secret values stay sealed under BASTION_MASTER_KEY), guardrail policies and tool pins, ' +
      'read as of one moment. Not included: audit events, idempotency records. Sent as an attachment.',
  })
  @ApiOkResponse({ type: BackupDocumentDto })
  @ApiErrors()
  async backup(@Res({ passthrough: true }) response: Response): Promise<BackupDocumentDto> {
    const { fileName, document } = await this.backups.export();
    response.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    return document;
  }

  @Post('restore')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'restoreBackup',
    summary: 'Replace everything with a backup.',
    description: RESTORE_DESCRIPTION,
  })
  @ApiBody({ type: BackupDocumentDto })
  @ApiOkResponse({ type: RestoreResultDto })
  @ApiErrors(400, 409, 413, 422)
  restore(@Body() body: unknown): Promise<RestoreResultDto> {
    return this.backups.restore(body);
  }
}
