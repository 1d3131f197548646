import { Module } from '@nestjs/common';
import { McpConfigValidatorService } from './mcp-config-validator.service';
import { McpConfigsController } from './mcp-configs.controller';
import { McpConfigsRepository } from './mcp-configs.repository';
import { McpConfigsService } from './mcp-configs.service';
import { McpServersController } from './mcp-servers.controller';
import { McpServersRepository } from './mcp-servers.repository';
import { McpServersService } from './mcp-servers.service';
import { ServerSecretsSealer } from './server-secrets.sealer';

/** MCP configs and their upstream servers (credentials sealed at rest). */
@Module({
  controllers: [McpConfigsController, McpServersController],
  providers: [
    McpConfigsService,
    McpServersService,
    McpConfigValidatorService,
    McpConfigsRepository,
    McpServersRepository,
    ServerSecretsSealer,
  ],
  exports: [McpConfigsRepository],
})
export class McpConfigsModule {}
