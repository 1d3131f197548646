import { Module } from '@nestjs/common';
import { GuardrailPoliciesModule } from '../guardrail-policies/guardrail-policies.module';
import { BackupRepository } from './backup.repository';
import { BackupService } from './backup.service';
import { LogLevelModule } from './log-level.module';
import { SystemController } from './system.controller';
import { SystemRepository } from './system.repository';
import { SystemService } from './system.service';

/** System information, full backup and restore, runtime log levels. */
@Module({
  imports: [LogLevelModule, GuardrailPoliciesModule],
  controllers: [SystemController],
  providers: [SystemService, SystemRepository, BackupService, BackupRepository],
})
export class SystemModule {}
