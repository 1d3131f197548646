import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-docs.decorators';
import { LogLevelsDto, SetLogLevelDto } from './dto/log-level.dto';
import { LogLevelService } from './log-level.service';

const SET_DESCRIPTION = [
  'Takes effect at once, without a restart. `api` changes this control plane’s level; `proxy` stores the',
  'level in Redis and publishes it, so every running MCP worker applies it and workers started later read',
  'it at boot; `all` does both. A level set at runtime lasts until the next change (for the api: until it',
  'restarts, when LOG_LEVEL applies again).',
  '\n\n`debug` also captures request and response payloads, redacted (credential-named keys and headers,',
  'then secret shapes in every string) and cut to 4 KiB; treat debug logs as sensitive all the same.',
  '\n\n503 when the change is for the workers and Redis is unavailable: then nothing changes.',
].join(' ');

@ApiTags('system')
@ApiBearerAuth()
@Controller('system/log-level')
export class LogLevelController {
  constructor(private readonly levels: LogLevelService) {}

  @Get()
  @ApiOperation({
    operationId: 'getLogLevel',
    summary: 'The log level of this control plane and the one set at runtime for the MCP workers.',
  })
  @ApiOkResponse({ type: LogLevelsDto })
  @ApiErrors()
  get(): Promise<LogLevelsDto> {
    return this.levels.current();
  }

  @Put()
  @ApiOperation({
    operationId: 'setLogLevel',
    summary: 'Change the log level of the control plane, the MCP workers, or both, at runtime.',
    description: SET_DESCRIPTION,
  })
  @ApiOkResponse({ type: LogLevelsDto, description: 'The levels after the change.' })
  @ApiErrors(400, 413)
  set(@Body() body: SetLogLevelDto): Promise<LogLevelsDto> {
    return this.levels.set(body);
  }
}
