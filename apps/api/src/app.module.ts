import { DbModule } from '@bastion/db';
import { Module, type DynamicModule } from '@nestjs/common';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuditModule } from './audit/audit.module';
import type { ApiRuntime } from './core/api-runtime';
import { CoreModule } from './core/core.module';
import { GuardrailPoliciesModule } from './guardrail-policies/guardrail-policies.module';
import { HealthModule } from './health/health.module';
import { HttpModule } from './http/http.module';
import { McpConfigsModule } from './mcp-configs/mcp-configs.module';
import { OutboxModule } from './outbox/outbox.module';
import { ProjectsModule } from './projects/projects.module';
import { SystemModule } from './system/system.module';
import { ToolPinsModule } from './tool-pins/tool-pins.module';
import { UsersModule } from './users/users.module';

/** The control plane's composition root. */
@Module({})
export class AppModule {
  static forRoot(runtime: ApiRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(runtime),
        DbModule.forRoot(runtime.databaseUrl),
        HttpModule,
        OutboxModule,
        HealthModule,
        UsersModule,
        ProjectsModule,
        ApiKeysModule,
        McpConfigsModule,
        GuardrailPoliciesModule,
        SystemModule,
        AuditModule,
        ToolPinsModule,
      ],
    };
  }
}
