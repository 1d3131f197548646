import { Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { BootstrapAdminKey } from './bootstrap-admin-key';

/** Gateway keys for MCP clients and admin keys for REST: issue, rotate, disable, delete. */
@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeysService, ApiKeysRepository, BootstrapAdminKey],
})
export class ApiKeysModule {}
