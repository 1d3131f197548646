import { Module } from '@nestjs/common';
import { BackupRepository } from './backup.repository';
import { BackupService } from './backup.service';
import { SystemController } from './system.controller';
import { SystemRepository } from './system.repository';
import { SystemService } from './system.service';

/** System information, full backup and restore. */
@Module({
  controllers: [SystemController],
  providers: [SystemService, SystemRepository, BackupService, BackupRepository],
})
export class SystemModule {}
