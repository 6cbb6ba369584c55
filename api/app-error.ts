// The one typed error of the HTTP layer: a stable string code (mapped to a status in error-status.ts) and, for bad
// input, the field and the rule it broke, so the error handler can word it in the request's language.
import type { Problem } from '../domain/problem';

export type AppErrorCode =
  | 'invalid-input'
  | 'group-not-found'
  | 'route-not-found'
  | 'internal'
  | 'login-failed'
  | 'not-authenticated'
  | 'forbidden'
  | 'csrf-token-invalid'
  | 'too-many-attempts'
  /** No Temporal server now: the action was not sent and nothing was written (503). */
  | 'engine-unavailable'
  /** The procedure the action belongs to is not running (never started, or over). */
  | 'procedure-not-found'
  /** The workflow refused: the step is done already, or an earlier one is missing (409); problems in details. */
  | 'step-conflict'
  /** The workflow refused the input (400); problems in details. */
  | 'step-refused'
  /** A thing named in the path does not exist (details.field names which). */
  | 'not-found'
  /** The request conflicts with what is recorded (409), e.g. a name already used. */
  | 'conflict'
  /** The body is not of the one media type the route takes (415); details.subject names it. */
  | 'unsupported-media-type';

export interface AppErrorDetails {
  /** The input that broke a rule (a query, path or body property). */
  field?: string;
  /** The rule it broke: 'required', 'unknown-property', 'one-of', 'date', 'type', 'range', ... */
  rule?: string;
  /** The values allowed, for 'one-of'. */
  allowed?: readonly string[];
  /** The value given, when it helps the reader. */
  value?: string;
  /** A workflow's reasons for refusing (field, rule code, clause, words in three languages). */
  problems?: readonly Problem[];
  /** For 'not-found' and 'conflict': what it is about, already in the request's words or a neutral id. */
  subject?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: AppErrorDetails = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}
