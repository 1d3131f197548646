import { Module } from '@nestjs/common';
import { BootstrapAdminKey } from './bootstrap-admin-key';

@Module({ providers: [BootstrapAdminKey] })
export class ApiKeysModule {}
