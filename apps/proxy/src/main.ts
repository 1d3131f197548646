import { telemetry } from './instrument';
import { ConfigError, loadConfig } from '@bastion/config';
import { createAppLogger } from '@bastion/observability';
import { createProxyRuntime } from './proxy.runtime';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.security.masterKey) {
    throw new ConfigError([
      'BASTION_MASTER_KEY: required (the same key as the api: it opens upstream secrets).',
    ]);
  }
  if (!config.redis.url) {
    throw new ConfigError([
      'REDIS_URL: required for a standalone proxy (`npm start` runs api and proxy together).',
    ]);
  }
  const logger = createAppLogger({ service: 'proxy', level: config.log.level, file: config.log.file });
  telemetry.attachLogger(logger);
  const proxy = createProxyRuntime(config, config.security.masterKey, logger);
  const url = await proxy.listen();
  logger.info('Bastion proxy listening', { url });
  const shutdown = () =>
    void proxy
      .close()
      .finally(() => telemetry.shutdown())
      .finally(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `Bastion proxy failed to start: ${String(error)}`}\n`,
  );
  process.exit(1);
});
