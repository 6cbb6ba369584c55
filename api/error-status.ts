// The one place that maps error codes to HTTP statuses.
import type { AppErrorCode } from './app-error';

export const ERROR_STATUS: Readonly<Record<AppErrorCode, number>> = {
  'invalid-input': 400,
  'group-not-found': 404,
  'route-not-found': 404,
  internal: 500,
  'login-failed': 401,
  'not-authenticated': 401,
  forbidden: 403,
  'csrf-token-invalid': 403,
  'too-many-attempts': 429,
  'engine-unavailable': 503,
  'procedure-not-found': 404,
  'step-conflict': 409,
  'step-refused': 400,
  'not-found': 404,
  conflict: 409,
  'unsupported-media-type': 415,
};

/** Domain refusals that are the caller's bad input (the domain names the field in `details.field`). */
export const DOMAIN_INPUT_ERRORS: Readonly<Record<string, string>> = {
  'invalid-date': 'date',
  'unknown-obligation': 'one-of',
  'no-extension': 'no-extension',
  'invalid-range': 'range',
};
