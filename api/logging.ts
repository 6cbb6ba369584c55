// The HTTP server's log: Fastify's logger (pino), JSON lines with the request id on every line of a request. It says
// what an operator needs (each 5xx with its stack, failed logins, 401/403, 429, the engine being unavailable) and
// never a password, token, cookie, phone or birth date: requests are logged by their route's pattern (a response link
// or setup token in the path or the query never reaches the log), no header or body is logged, errors keep only their
// type, code, message and stack, and the redaction paths below censor those fields should a log call ever pass them.
import { createHash } from 'node:crypto';
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { LogLevel } from '../config/config';
import type { App } from './app-types';

/** Where the lines go (stdout by default): anything with write(line). */
export interface LogDestination {
  write(line: string): void;
}

const CENSOR = '[redacted]';
const SECRET_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'password2',
  'token',
  'csrfToken',
  '_csrf',
  '_login',
  'cookie',
  'phone',
  'birthDate',
  'birth_date',
  'email',
];
/** Pino redaction paths: the secret keys at the top of a log object and one or two levels down, plus the headers. */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'err.detail',
  'err.parameters',
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

/** The listen line Fastify would log duplicates the `API: …` line serve.ts prints; this text marks it to be dropped. */
export const LISTEN_TEXT = 'jmeg:listening';

interface SerializedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error), stack: '' };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    stack: error.stack ?? '',
  };
}

/** The path as routed: the route's pattern (/respond/:token), or for an unknown route its first segment only. */
export function loggedPath(request: FastifyRequest): string {
  const pattern = request.routeOptions.url;
  if (pattern !== undefined) return pattern;
  const first = request.url.split('?')[0]!.split('/')[1] ?? '';
  return `/${first.slice(0, 40)}${request.url.length > first.length + 1 ? '/…' : ''}`;
}

/** Fastify's logger options for `level`, writing to `destination` (stdout when omitted). */
export function loggerOptions(
  level: LogLevel,
  destination?: LogDestination,
): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    ...(destination ? { stream: destination } : {}),
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: loggedPath(request),
        remoteAddress: request.ip,
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: serializeError,
    },
    hooks: {
      logMethod(args, method) {
        if (args[0] === LISTEN_TEXT) return;
        method.apply(this, args);
      },
    },
  };
}

/** A short fingerprint of a login's e-mail: repeated failures on one account can be seen without the address in the log. */
export function accountFingerprint(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 12);
}

/** Logs a failed login (wrong e-mail or password): the account's fingerprint and the client's address, nothing typed. */
export function logFailedLogin(request: FastifyRequest, email: string, via: 'api' | 'page'): void {
  request.log.warn(
    { event: 'login-failed', via, account: accountFingerprint(email), remoteAddress: request.ip },
    'login failed',
  );
}

const REFUSALS: Readonly<Record<number, string>> = {
  401: 'not signed in',
  403: 'forbidden',
  429: 'rate limit hit',
  503: 'engine unavailable',
};

/** Logs each refused request (401, 403, 429) and each 503 (no Temporal server) once it is answered. */
export function logRefusals(app: App, _opts: unknown, done: () => void): void {
  app.addHook('onResponse', (request, reply, next) => {
    const what = REFUSALS[reply.statusCode];
    if (what !== undefined)
      request.log.warn(
        {
          event: what.replace(/ /g, '-'),
          statusCode: reply.statusCode,
          method: request.method,
          url: loggedPath(request),
        },
        what,
      );
    next();
  });
  done();
}
Object.defineProperty(logRefusals, Symbol.for('skip-override'), { value: true });
