import { SecretBox } from '@bastion/crypto';
import {
  BadRequestException,
  Injectable,
  UnprocessableEntityException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { from, of, switchMap, type Observable } from 'rxjs';
import { IdempotencyRepository } from './idempotency.repository';

/**
 * Honours `Idempotency-Key` on POST: the first successful response is remembered (sealed, since it
 * may hold a one-time plaintext key) and replayed for the same request; reusing the key for a
 * different request is refused with 422.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly records: IdempotencyRepository,
    private readonly box: SecretBox,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (typeof key !== 'string' || key.length < 1 || key.length > 200) {
      throw new BadRequestException('Idempotency-Key must be a single value of 1 to 200 characters.');
    }
    const response = context.switchToHttp().getResponse<Response>();
    const path = request.originalUrl.split('?')[0] ?? request.originalUrl;
    const requestHash = createHash('sha256')
      .update(JSON.stringify([path, request.body ?? null]))
      .digest('hex');
    return from(this.records.find(key, 'POST', path)).pipe(
      switchMap((previous) => {
        if (previous && previous.requestHash !== requestHash) {
          throw new UnprocessableEntityException(
            'This Idempotency-Key was already used for a different request.',
          );
        }
        if (previous) {
          response.status(previous.statusCode).setHeader('Idempotent-Replayed', 'true');
          return of(JSON.parse(this.box.open(previous.sealedBody)) as unknown);
        }
        return next
          .handle()
          .pipe(switchMap((body) => from(this.remember(key, path, requestHash, response, body))));
      }),
    );
  }

  private async remember(key: string, path: string, requestHash: string, response: Response, body: unknown) {
    const statusCode = response.statusCode;
    const sealedBody = this.box.seal(JSON.stringify(body ?? null));
    await this.records.save(key, 'POST', path, { requestHash, statusCode, sealedBody });
    return body;
  }
}
