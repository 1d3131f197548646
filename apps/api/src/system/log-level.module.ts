import { Module } from '@nestjs/common';
import { LogLevelController } from './log-level.controller';
import { LogLevelRepository } from './log-level.repository';
import { LogLevelService } from './log-level.service';

/** Runtime log levels of the api and the MCP workers (`/system/log-level`). */
@Module({
  controllers: [LogLevelController],
  providers: [LogLevelService, LogLevelRepository],
})
export class LogLevelModule {}
