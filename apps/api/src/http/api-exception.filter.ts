import type { ApiError, FieldError } from '@bastion/contracts';
import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ZodValidationException } from 'nestjs-zod';
import type { Logger } from 'winston';
import { classifyDatabaseError } from './database-errors';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Turns every error into the REST error contract `{statusCode, error, message, details?}`. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500)
      this.logger.error('request failed', { error: exception, status_code: body.statusCode });
    if (body.statusCode === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="bastion-admin"');
    if (!response.headersSent) response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiError {
    if (exception instanceof ZodValidationException) {
      return { ...errorBody(400, 'The request is invalid.'), details: zodDetails(exception.getZodError()) };
    }
    if (exception instanceof HttpException) return fromHttpException(exception);
    const parserStatus = bodyParserStatus(exception);
    if (parserStatus === 413) return errorBody(413, 'The request body is larger than the server accepts.');
    if (parserStatus === 400) return errorBody(400, 'The request body is not valid JSON.');
    const database = classifyDatabaseError(exception);
    if (database) return errorBody(database.status, database.message);
    return errorBody(500, 'An unexpected error occurred.');
  }
}

export function errorBody(statusCode: number, message: string, details?: FieldError[]): ApiError {
  const body: ApiError = { statusCode, error: STATUS_TEXT[statusCode] ?? 'Error', message };
  return details ? { ...body, details } : body;
}

function fromHttpException(exception: HttpException): ApiError {
  const status = exception.getStatus();
  const payload = exception.getResponse();
  if (typeof payload === 'object' && payload !== null && 'details' in payload) {
    const { message, details } = payload as { message: string; details: FieldError[] };
    return errorBody(status, message, details);
  }
  const raw = typeof payload === 'string' ? payload : (payload as { message?: unknown }).message;
  const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
  return errorBody(status, message);
}

function zodDetails(error: unknown): FieldError[] {
  const issues = (error as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues ?? [];
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

/** body-parser errors carry `type` and `status`; they are the client's fault, not ours. */
function bodyParserStatus(exception: unknown): number | null {
  const type = (exception as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') return 413;
  if (type === 'entity.parse.failed' || type === 'encoding.unsupported' || type === 'charset.unsupported')
    return 400;
  return null;
}
