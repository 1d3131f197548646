import { isApiKeyFormat } from '@bastion/crypto';
import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AdminKeyLookup } from './admin-key.lookup';
import { IS_PUBLIC } from './public.decorator';
import { currentRequestContext } from './request-context';

/** The admin key a request was authenticated with. */
export interface AdminPrincipal {
  keyId: string;
}

export type AuthenticatedRequest = Request & { admin?: AdminPrincipal };

/** Requires `Authorization: Bearer <admin key>` on every route not marked {@link Public}. */
@Injectable()
export class AdminKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly lookup: AdminKeyLookup,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = bearerToken(request.headers.authorization);
    if (!key) throw new UnauthorizedException('An admin key is required: Authorization: Bearer <admin key>.');
    const found = isApiKeyFormat(key) ? await this.lookup.find(key) : null;
    if (!found) throw new UnauthorizedException('The admin key is unknown, disabled or expired.');
    if (found.kind !== 'admin')
      throw new ForbiddenException('This is a gateway key; the REST API needs an admin key.');
    request.admin = { keyId: found.id };
    const requestContext = currentRequestContext();
    if (requestContext) requestContext.adminKeyId = found.id;
    return true;
  }
}

function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}
