import { telemetry } from './instrument';
import { ConfigError, loadConfig } from '@bastion/config';
import { createAppLogger } from '@bastion/observability';
import { createApiApp } from './api.app';
import { resolveApiRuntime } from './core/resolve-runtime';
import { announceFirstLook } from './first-look';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createAppLogger({ service: 'api', level: config.log.level, file: config.log.file });
  telemetry.attachLogger(logger);
  const resolved = await resolveApiRuntime(config, logger);
  const app = await createApiApp(resolved.runtime);
  await app.listen(config.api.port, config.host);
  const url = `http://${config.host}:${config.api.port}`;
  logger.info('Bastion control plane listening', { url, docs: `${url}/api/docs` });
  if (resolved.embedded.database) await announceFirstLook(app, resolved.runtime, url);
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      await app.close();
      await resolved.stop();
      await telemetry.shutdown();
      process.exit(0);
    })());
  // `on`, not `once`: Nest's shutdown hooks re-raise the signal when they are done, which would end
  // the process before the database stops and telemetry is flushed; a listener keeps it alive.
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad configuration): stderr is the only safe place.
  const message = error instanceof ConfigError ? error.message : `Bastion failed to start: ${String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
