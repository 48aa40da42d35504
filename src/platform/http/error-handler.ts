import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
// Straight from its file: db's index reaches back to http through the schema's types.
import { isDatabaseUnavailable, isTransientConflict } from '../db/unavailable.js';
import { AppError, retryAfterOf, type FieldError } from './errors.js';

interface ErrorBody {
  error: { code: string; message: string; fields?: FieldError[]; details?: unknown; correlationId?: string };
}

/** A refinement names its own issue code in `params.code` (see `text.ts`); otherwise zod's code stands. */
const ownCode = (issue: unknown): string | undefined => {
  const code = (issue as { params?: { code?: unknown } } | undefined)?.params?.code;
  return typeof code === 'string' ? code : undefined;
};

function zodFields(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), code: ownCode(issue) ?? issue.code, message: issue.message }));
}

/** Maps every error to a JSON body with a stable code; nothing internal leaves the server. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const send = (status: number, body: ErrorBody) => reply.status(status).send(body);
    if (error instanceof AppError) {
      const retryAfter = retryAfterOf(error);
      if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
      return send(error.status, { error: { code: error.code, message: error.message, fields: error.fields, details: error.details } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((v) => ({
        path: [error.validationContext, ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : [])].join('.'),
        // The type provider puts the zod issue code (too_small, invalid_format, ...) in `keyword`, the rest of the issue in `params`.
        code: ownCode(v.params) ?? (v.keyword || 'invalid'),
        message: v.message ?? 'Invalid value',
      }));
      return send(400, { error: { code: 'INVALID_INPUT', message: 'The request is not valid', fields } });
    }
    if (error instanceof ZodError) {
      return send(400, { error: { code: 'INVALID_INPUT', message: 'The request is not valid', fields: zodFields(error) } });
    }
    const status = error.statusCode ?? 500;
    if (status === 429) return send(429, { error: { code: 'RATE_LIMITED', message: 'Too many requests, try again later' } });
    if (status === 413) return send(413, { error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' } });
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, wrong content type, empty body.
      return send(status, { error: { code: 'INVALID_INPUT', message: error.message } });
    }
    // No free connection in time, the database is away (restart, failover), or it rolled the transaction
    // back to end a deadlock: nothing was committed that the caller was told of, and a retry is safe, so
    // say when to retry instead of a bare 500.
    if (isDatabaseUnavailable(error) || isTransientConflict(error)) {
      request.log.warn({ err: error }, 'the database is unavailable, no connection became free in time, or a conflict rolled the transaction back');
      void reply.header('retry-after', '5');
      return send(503, { error: { code: 'UNAVAILABLE', message: 'The service is busy, try again in a few seconds' } });
    }
    const correlationId = randomUUID();
    request.log.error({ err: error, correlationId }, 'unexpected error');
    return send(500, { error: { code: 'INTERNAL', message: 'Something went wrong on our side', correlationId } });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url}` } });
  });
}
