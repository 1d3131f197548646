import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { HealthController } from './health.controller';
import { ReadinessService } from './readiness.service';

@Module({ imports: [AuditModule], controllers: [HealthController], providers: [ReadinessService] })
export class HealthModule {}
