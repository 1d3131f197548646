import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ZodValidationPipe } from 'nestjs-zod';
import { AdminKeyGuard } from './admin-key.guard';
import { AdminKeyLookup } from './admin-key.lookup';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyRepository } from './idempotency.repository';

/** Cross-cutting HTTP behaviour: admin auth, validation at the edge, Idempotency-Key. */
@Module({
  providers: [
    AdminKeyLookup,
    IdempotencyRepository,
    { provide: APP_GUARD, useClass: AdminKeyGuard },
    { provide: APP_PIPE, useClass: ZodValidationPipe },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class HttpModule {}
