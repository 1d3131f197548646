import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { BASTION_VERSION } from '../system/bastion-version';

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
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An admin key (`bgw_…`).' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controller, method) => method,
  });
  SwaggerModule.setup('api/docs', app, cleanupOpenApiDoc(document, { version: '3.1' }), { jsonDocumentUrl: 'api/docs-json' });
}
