import { NestLoggerAdapter } from '@bastion/observability';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import type { ApiRuntime } from './core/api-runtime';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { requestLog } from './http/request-log.middleware';
import { setupSwagger } from './http/swagger.setup';

/** Builds the control plane (not yet listening): used by main.ts, `npm start` and the tests. */
export async function createApiApp(runtime: ApiRuntime): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(runtime), {
    logger: new NestLoggerAdapter(runtime.logger),
    bodyParser: false,
  });
  app.use(requestLog(runtime.logger));
  app.useBodyParser('json', { limit: runtime.config.api.bodyLimitBytes });
  app.disable('x-powered-by');
  app.setGlobalPrefix('api/v1', { exclude: ['healthz', 'readyz', 'metrics'] });
  app.useGlobalFilters(new ApiExceptionFilter(runtime.logger));
  app.enableShutdownHooks();
  setupSwagger(app);
  return app;
}
