// The one typed error of the HTTP layer: a stable string code (mapped to a status in error-status.ts) and, for bad
// input, the field and the rule it broke, so the error handler can word it in the request's language.
export type AppErrorCode =
  | 'invalid-input'
  | 'group-not-found'
  | 'route-not-found'
  | 'internal'
  | 'login-failed'
  | 'not-authenticated'
  | 'forbidden'
  | 'csrf-token-invalid'
  | 'too-many-attempts';

export interface AppErrorDetails {
  /** The input that broke a rule (a query, path or body property). */
  field?: string;
  /** The rule it broke: 'required', 'unknown-property', 'one-of', 'date', 'type', 'range', ... */
  rule?: string;
  /** The values allowed, for 'one-of'. */
  allowed?: readonly string[];
  /** The value given, when it helps the reader. */
  value?: string;
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
