import { apiKeyHints, hashApiKey } from '@bastion/crypto';
import { PrismaService } from '@bastion/db';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'winston';
import { API_RUNTIME, LOGGER, type ApiRuntime } from '../core/api-runtime';

/**
 * Makes BASTION_BOOTSTRAP_ADMIN_KEY a working admin key at start-up (stored, like every key, only
 * as a hash). Re-enables it if it was disabled: the operator who sets it wants it to work.
 */
@Injectable()
export class BootstrapAdminKey implements OnApplicationBootstrap {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(API_RUNTIME) private readonly runtime: ApiRuntime,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const key = this.runtime.config.security.bootstrapAdminKey;
    if (!key) return;
    const keyHash = hashApiKey(key);
    await this.prisma.apiKey.upsert({
      where: { keyHash },
      create: { kind: 'admin', name: 'bootstrap', keyHash, ...apiKeyHints(key) },
      update: { status: 'active', expiresAt: null },
    });
    this.logger.info('bootstrap admin key is active', { key_prefix: apiKeyHints(key).keyPrefix });
  }
}
