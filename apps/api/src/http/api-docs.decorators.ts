import { apiErrorSchema } from '@bastion/contracts';
import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';

/** The REST error body, as a Swagger schema. */
export class ApiErrorDto extends createZodDto(apiErrorSchema) {}

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is invalid; `details` lists the bad fields.',
  401: 'No admin key, or an unknown, disabled or expired one.',
  403: 'The key is valid but not allowed to do this.',
  404: 'The resource does not exist.',
  409: 'A resource with that natural key exists, or the resource is in use.',
  413: 'The request body is too large.',
  422: 'The request is well-formed but cannot be carried out.',
  503: 'Postgres is unavailable.',
};

/** Documents the error responses an operation can return (401 and 503 are always added). */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  const all = [...new Set([...statuses, 401, 503])].sort();
  return applyDecorators(
    ...all.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ApiErrorDto })),
  );
}

/** Documents the optional `Idempotency-Key` header of a POST. */
export function ApiIdempotent(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Any unique string (≤ 200 chars). Repeating the same request with the same key returns the first response instead of acting twice.',
    }),
  );
}
