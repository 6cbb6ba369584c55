// The one error handler: bad input becomes 400 with the field and the rule, AppError codes get their status from
// error-status.ts, and nothing about a 5xx (stack, SQL, message) reaches the client; it is logged instead.
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { DomainError } from '../domain/domain-error';
import { AppError, type AppErrorDetails } from './app-error';
import { errorMessage } from './error-messages';
import { DOMAIN_INPUT_ERRORS, ERROR_STATUS } from './error-status';
import { engineAppError } from './engine-errors';
import { renderErrorPage } from './ui/error-page';
import { requestLang } from './request-lang';
import './route-config';

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    field?: string;
    rule?: string;
    allowed?: readonly string[];
    /** A workflow's refusal: every problem with its field, rule code, clause and words in the request's language. */
    problems?: { field: string; rule: string; clause: string | null; message: string }[];
  };
}

const RULE_OF_KEYWORD: Readonly<Record<string, string>> = {
  required: 'required',
  additionalProperties: 'unknown-property',
  enum: 'one-of',
  const: 'one-of',
  anyOf: 'one-of',
  pattern: 'date',
  format: 'date',
  type: 'type',
  minimum: 'range',
  maximum: 'range',
  minLength: 'range',
  maxLength: 'range',
};

/** The field and rule of the first schema violation (ajv stops at the first by default). */
export function fromValidation(errors: readonly FastifySchemaValidationError[]): AppError {
  const e = errors[0];
  if (!e) return new AppError('invalid-input', 'invalid input', {});
  const params = e.params;
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  let field = path;
  if (e.keyword === 'required' && typeof params.missingProperty === 'string')
    field = path ? `${path}.${params.missingProperty}` : params.missingProperty;
  if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    field = path ? `${path}.${params.additionalProperty}` : params.additionalProperty;
  }
  const details: AppErrorDetails = { field: field || '(body)', rule: RULE_OF_KEYWORD[e.keyword] ?? e.keyword };
  if (Array.isArray(params.allowedValues)) details.allowed = params.allowedValues.map(String);
  return new AppError('invalid-input', `${details.field}: ${e.message ?? e.keyword}`, details);
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fromEngine = engineAppError(error);
  if (fromEngine) return fromEngine;
  if (error instanceof DomainError) {
    const rule = DOMAIN_INPUT_ERRORS[error.code];
    if (rule !== undefined) {
      const d = error.details;
      const details: AppErrorDetails = {
        field: typeof d.field === 'string' ? d.field : error.code === 'unknown-obligation' ? 'key' : '(input)',
        rule,
      };
      if (Array.isArray(d.valid)) details.allowed = d.valid.map(String);
      return new AppError('invalid-input', error.message, details);
    }
  }
  // PostgreSQL refuses text it cannot store (a NUL character, an invalid byte sequence): the input's fault, not ours.
  const pgCode = (error as { code?: unknown } | null)?.code;
  if (pgCode === '22021' || pgCode === '22P05')
    return new AppError('invalid-input', 'text the database cannot store', { field: '(body)', rule: 'text' });
  const fe = error as Partial<FastifyError>;
  if (Array.isArray(fe.validation)) return fromValidation(fe.validation);
  // Fastify's own client errors (bad JSON, unsupported media type, body too large): keep them 4xx, without internals.
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError('invalid-input', fe.message ?? 'invalid request', {
      field: '(request)',
      rule: fe.code ?? 'request',
    });
  }
  return new AppError('internal', 'internal error');
}

export function errorBody(request: FastifyRequest, error: AppError): ErrorBody {
  const lang = requestLang(request);
  const body: ErrorBody = { error: { code: error.code, message: errorMessage(lang, error.code, error.details) } };
  if (error.details.problems && error.details.problems.length > 0) {
    body.error.problems = error.details.problems.map((p) => ({
      field: p.field,
      rule: p.code,
      clause: p.clause,
      message: p.message[lang],
    }));
  }
  if (error.code === 'invalid-input' || error.code === 'step-refused') {
    if (error.details.field !== undefined) body.error.field = error.details.field;
    if (error.details.rule !== undefined) body.error.rule = error.details.rule;
    if (error.details.allowed !== undefined) body.error.allowed = error.details.allowed;
  }
  return body;
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const appError = toAppError(error);
  const status = ERROR_STATUS[appError.code];
  // Every 5xx with its stack; no Temporal server (503) is not a fault here and is logged once answered (api/logging.ts).
  if (status >= 500 && appError.code !== 'engine-unavailable')
    request.log.error({ err: error, statusCode: status }, 'request failed');
  if (request.routeOptions.config.page === true) return renderErrorPage(request, reply, appError, status);
  return reply.status(status).type('application/json; charset=utf-8').send(errorBody(request, appError));
}
