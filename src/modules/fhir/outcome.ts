import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError } from '../../platform/http/index.js';
import type { Resource } from './resource.js';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** OperationOutcome.issue.code (R4 issue-type) for each HTTP status we answer with. */
const ISSUE_CODE: Record<number, string> = { 400: 'invalid', 401: 'login', 403: 'forbidden', 404: 'not-found', 409: 'conflict', 413: 'too-long', 422: 'processing', 429: 'throttled', 503: 'transient' };

export function operationOutcome(status: number, message: string, expression?: string[]): Resource {
  return {
    resourceType: 'OperationOutcome',
    id: randomUUID(),
    issue: [{ severity: status >= 500 ? 'fatal' : 'error', code: ISSUE_CODE[status] ?? 'exception', diagnostics: message, ...(expression?.length ? { expression } : {}) }],
  };
}

export const sendOutcome = (reply: FastifyReply, status: number, message: string, expression?: string[]) =>
  reply.status(status).type(FHIR_JSON).send(operationOutcome(status, message, expression));

/**
 * The FHIR API's own error handler (Medplum answers the same way): every error is an OperationOutcome
 * with the status the REST API would give, and nothing internal leaves the server.
 */
export function installOutcomeHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return sendOutcome(reply, error.status, error.message, error.fields?.map((f) => f.path));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const paths = error.validation.map((v) => [error.validationContext, ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : [])].join('.'));
      return sendOutcome(reply, 400, error.validation.map((v) => v.message ?? 'Invalid value').join('; '), paths);
    }
    if (error instanceof ZodError) {
      return sendOutcome(reply, 400, error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), error.issues.map((i) => i.path.join('.')));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendOutcome(reply, status, error.message);
    const correlationId = randomUUID();
    request.log.error({ err: error, correlationId }, 'unexpected error');
    return sendOutcome(reply, 500, `Something went wrong on our side (correlation id ${correlationId})`);
  });
  app.setNotFoundHandler((request, reply) => sendOutcome(reply, 404, `No route ${request.method} ${request.url}`));
}
