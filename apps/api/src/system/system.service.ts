import { Injectable } from '@nestjs/common';
import { ConfigWriter } from '../outbox/config-writer';
import { BASTION_VERSION } from '@bastion/config';
import type { SystemVersionDto } from './dto/system-version.dto';
import { SystemRepository } from './system.repository';

/** What is running: code, database schema and configuration versions. */
@Injectable()
export class SystemService {
  constructor(
    private readonly system: SystemRepository,
    private readonly writer: ConfigWriter,
  ) {}

  version(): Promise<SystemVersionDto> {
    return this.writer.read(async (tx) => ({
      version: BASTION_VERSION,
      schemaVersion: await this.system.latestMigration(tx),
      configVersion: await this.system.configVersion(tx),
    }));
  }
}
