// `npm start`: the control plane and one proxy worker in one process. Without DATABASE_URL and
// REDIS_URL they share an embedded Postgres and an in-process Redis stand-in, and a demo project
// fronting @modelcontextprotocol/server-everything is provisioned with a ready-made gateway key.
import { telemetry } from '../apps/api/src/instrument';
import { ConfigError, loadConfig } from '@bastion/config';
import { createAppLogger } from '@bastion/observability';
import { createApiApp } from '../apps/api/src/api.app';
import { resolveApiRuntime } from '../apps/api/src/core/resolve-runtime';
import { issueFirstLookAdminKey } from '../apps/api/src/first-look';
import { createProxyRuntime } from '../apps/proxy/src/proxy.runtime';
import { printFirstLook, provisionDemo } from './first-look.demo';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createAppLogger({ service: 'api', level: config.log.level, file: config.log.file });
  telemetry.attachLogger(logger);
  const resolved = await resolveApiRuntime(config, logger);
  const api = await createApiApp(resolved.runtime);
  await api.listen(config.api.port, config.host);
  const apiUrl = `http://${config.host}:${config.api.port}`;
  const proxyLogger = createAppLogger({ service: 'proxy', level: config.log.level, file: config.log.file });
  telemetry.attachLogger(proxyLogger);
  const proxy = createProxyRuntime(config, resolved.runtime.masterKey, proxyLogger);
  const mcpUrl = config.proxy.publicUrl ?? (await proxy.listen());
  if (config.proxy.publicUrl) await proxy.listen();
  logger.info('Bastion is listening', { api: apiUrl, mcp: mcpUrl });
  if (resolved.embedded.database) {
    const adminKey = await issueFirstLookAdminKey(api, resolved.runtime);
    const gatewayKey = await provisionDemo(apiUrl, adminKey);
    printFirstLook({ apiUrl, mcpUrl, adminKey, gatewayKey });
  }
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      await proxy.close();
      await api.close();
      await resolved.stop();
      await telemetry.shutdown();
      process.exit(0);
    })());
  // `on`, not `once`: Nest's shutdown hooks re-raise the signal when they are done, which would end
  // the process before the proxy, the database and telemetry are stopped; a listener keeps it alive.
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : `Bastion failed to start: ${String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
