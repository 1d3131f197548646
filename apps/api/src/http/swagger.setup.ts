import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { BASTION_VERSION } from '@bastion/config';

/** Routes that need no admin key. */
const PUBLIC_PATHS = ['/healthz', '/readyz', '/metrics'];

/** Swagger UI at /api/docs and the OpenAPI document at /api/docs-json. */
export function setupSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Bastion control plane')
    .setDescription(
      'Manage users, projects, MCP configs and servers, guardrail policies and gateway keys. ' +
        'Every endpoint except health and metrics needs `Authorization: Bearer <admin key>`. ' +
        'Errors are `{statusCode, error, message, details?}`.',
    )
    .setOpenAPIVersion('3.1.0')
    .setVersion(BASTION_VERSION)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An admin key (`bgw_…`).' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controller, method) => method,
  });
  for (const path of PUBLIC_PATHS) {
    const item = document.paths[path];
    if (item?.get) item.get.security = [];
  }
  SwaggerModule.setup('api/docs', app, cleanupOpenApiDoc(document, { version: '3.1' }), {
    jsonDocumentUrl: 'api/docs-json',
  });
}
