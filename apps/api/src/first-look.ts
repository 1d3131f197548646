import { apiKeyHints, generateApiKey, hashApiKey } from '@bastion/crypto';
import { PrismaService } from '@bastion/db';
import type { INestApplication } from '@nestjs/common';
import type { ApiRuntime } from './core/api-runtime';

const FIRST_LOOK_KEY_NAME = 'first-look';

/**
 * First look (embedded database only): a fresh admin key on every start. Rotating instead of
 * storing it keeps the rule that no key is ever kept in plaintext.
 */
export async function issueFirstLookAdminKey(app: INestApplication, runtime: ApiRuntime): Promise<string> {
  const key = generateApiKey();
  const stored = { keyHash: hashApiKey(key), ...apiKeyHints(key), status: 'active' as const, rotatedAt: new Date() };
  const prisma = app.get(PrismaService);
  const existing = await prisma.apiKey.findFirst({ where: { kind: 'admin', name: FIRST_LOOK_KEY_NAME } });
  if (existing) await prisma.apiKey.update({ where: { id: existing.id }, data: stored });
  else await prisma.apiKey.create({ data: { kind: 'admin', name: FIRST_LOOK_KEY_NAME, ...stored } });
  runtime.logger.info('first-look admin key issued', { key_prefix: stored.keyPrefix });
  return key;
}

/** Issues the first-look admin key and prints how to use it (api alone, `npm run api`). */
export async function announceFirstLook(app: INestApplication, runtime: ApiRuntime, url: string): Promise<void> {
  const key = await issueFirstLookAdminKey(app, runtime);
  process.stderr.write(
    [
      '',
      '  Bastion control plane is running (first look: embedded database, in-process Redis stand-in).',
      `  Swagger UI:  ${url}/api/docs`,
      `  Admin key:   ${key}`,
      '               (a new one is issued at every start; set BASTION_BOOTSTRAP_ADMIN_KEY for a fixed one)',
      `  Try:         curl -H "Authorization: Bearer ${key}" ${url}/api/v1/system/version`,
      '',
    ].join('\n') + '\n',
  );
}
