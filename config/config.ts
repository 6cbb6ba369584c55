// The one place that reads the environment. Everything else receives an AppConfig.
import { isIP } from 'node:net';
import path from 'node:path';

/** A setting that cannot be used: the message names the variable and the rule. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The levels LOG_LEVEL may name (pino's). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AppConfig {
  /** Postgres connection string; null means the embedded PGlite database in `dataDir`. */
  databaseUrl: string | null;
  /** Where embedded data lives: PGlite files, the .eml mail outbox. */
  dataDir: string;
  /** SMTP server for outgoing mail (smtp://user:pass@host:port); null writes .eml files to `dataDir/outbox`. */
  smtpUrl: string | null;
  mailFrom: string;
  /** host:port of a Temporal frontend; null means start a local dev server when one can be had. */
  temporalAddress: string | null;
  temporalNamespace: string;
  temporalTaskQueue: string;
  /** Path of an existing `temporal` CLI binary for the local dev server. */
  temporalBinary: string | null;
  /** `npm start` builds the dev server in the background when none can be had and Go is at hand (JMEG_TEMPORAL_AUTO_INSTALL=0 turns it off). */
  temporalAutoInstall: boolean;
  httpHost: string;
  httpPort: number;
  /** The address people reach the app at (JMEG_PUBLIC_URL, e.g. https://jmeg.aksuu.kg); links in mails and feeds use it. Null: http://HOST:PORT. */
  publicBaseUrl: string | null;
  /** Signs the objects' response links (JMEG_SECRET, at least 32 bytes); null: generated once in <dataDir>/secret (security/server-secret.ts). */
  responseLinkSecret: string | null;
  /** Temporal payload keys (JMEG_PAYLOAD_KEYS: `id:base64key,...`, newest first); null: <dataDir>/payload-keys (security/payload-keys.ts). */
  payloadKeys: string | null;
  /** Origins of the Temporal Web UI allowed to call the codec endpoint (JMEG_TEMPORAL_UI_ORIGINS, comma-separated; api/codec/routes.ts). */
  temporalUiOrigins: string[];
  /** How many days a response link works (JMEG_RESPONSE_LINK_DAYS; default 60, see security/response-token.ts for why). */
  responseLinkDays: number;
  /**
   * Which proxies in front of the HTTP server to believe about the client's address and protocol (X-Forwarded-For,
   * X-Forwarded-Proto): false (JMEG_TRUST_PROXY unset), their addresses or CIDR ranges, a number of hops, or true (any).
   */
  trustProxy: boolean | number | string[];
  /** How much the HTTP server logs to stdout (LOG_LEVEL; default info). */
  logLevel: LogLevel;
  /** The first staff account, created at start when no account exists (JMEG_ADMIN_EMAIL, JMEG_ADMIN_PASSWORD); null: none. */
  firstAccount: { email: string; password: string; councilId: string | null } | null;
}

function nonEmpty(value: string | undefined): string | null {
  return value !== undefined && value.trim() !== '' ? value.trim() : null;
}

function port(value: string | undefined, fallback: number, name: string): number {
  if (nonEmpty(value) === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new ConfigError(`${name}: "${value}" is not a port number (0-65535)`);
  return n;
}

function secret(value: string | undefined): string | null {
  const s = nonEmpty(value);
  if (s !== null && Buffer.byteLength(s) < 32)
    throw new ConfigError(
      `JMEG_SECRET: ${Buffer.byteLength(s)} bytes, at least 32 needed (e.g. openssl rand -base64 32)`,
    );
  return s;
}

function publicUrl(value: string | undefined): string | null {
  const s = nonEmpty(value);
  if (s === null) return null;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    throw new ConfigError(`JMEG_PUBLIC_URL: "${s}" is not a URL (e.g. https://jmeg.aksuu.kg)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError(`JMEG_PUBLIC_URL: "${s}" must start with https:// or http://`);
  if (url.search !== '' || url.hash !== '')
    throw new ConfigError(`JMEG_PUBLIC_URL: "${s}" must not have a query or fragment`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function trustProxy(value: string | undefined): AppConfig['trustProxy'] {
  const s = nonEmpty(value);
  if (s === null || s === 'false') return false;
  if (s === 'true') return true;
  if (/^\d{1,2}$/.test(s)) return Number(s);
  const entries = s
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (family === 0 || !prefixOk || rest.length > 0) {
      throw new ConfigError(
        `JMEG_TRUST_PROXY: "${entry}" is not an IP address or CIDR range (e.g. 127.0.0.1 or 10.0.0.0/8; or true, or a number of hops)`,
      );
    }
  }
  return entries;
}

function days(value: string | undefined, fallback: number, name: string): number {
  if (nonEmpty(value) === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 366)
    throw new ConfigError(`${name}: "${value}" is not a number of days (1-366)`);
  return n;
}

function logLevel(value: string | undefined): LogLevel {
  const s = nonEmpty(value)?.toLowerCase() ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(s))
    throw new ConfigError(`LOG_LEVEL: "${value}" is not one of ${LOG_LEVELS.join(', ')}`);
  return s as LogLevel;
}

function firstAccount(env: Record<string, string | undefined>): AppConfig['firstAccount'] {
  const email = nonEmpty(env.JMEG_ADMIN_EMAIL);
  const password = env.JMEG_ADMIN_PASSWORD ?? '';
  if (email === null && password === '') return null;
  if (email === null || !email.includes('@'))
    throw new ConfigError('JMEG_ADMIN_EMAIL: an email address is needed with JMEG_ADMIN_PASSWORD');
  if (password.length < 12) throw new ConfigError('JMEG_ADMIN_PASSWORD: at least 12 characters');
  // No JMEG_ADMIN_COUNCIL: the first account administers every council.
  return { email, password, councilId: nonEmpty(env.JMEG_ADMIN_COUNCIL) };
}

/** Reads the configuration from environment variables (the names listed in the README). */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const dataDir = path.resolve(nonEmpty(env.JMEG_DATA_DIR) ?? 'data');
  return {
    databaseUrl: nonEmpty(env.DATABASE_URL),
    dataDir,
    smtpUrl: nonEmpty(env.SMTP_URL),
    mailFrom: nonEmpty(env.MAIL_FROM) ?? 'jmeg@localhost',
    temporalAddress: nonEmpty(env.TEMPORAL_ADDRESS),
    temporalNamespace: nonEmpty(env.TEMPORAL_NAMESPACE) ?? 'default',
    temporalTaskQueue: nonEmpty(env.TEMPORAL_TASK_QUEUE) ?? 'jmeg',
    temporalBinary: nonEmpty(env.TEMPORAL_BINARY),
    temporalAutoInstall: !['0', 'false', 'no'].includes(
      (nonEmpty(env.JMEG_TEMPORAL_AUTO_INSTALL) ?? '1').toLowerCase(),
    ),
    httpHost: nonEmpty(env.HOST) ?? '127.0.0.1',
    httpPort: port(env.PORT, 3000, 'PORT'),
    publicBaseUrl: publicUrl(env.JMEG_PUBLIC_URL),
    responseLinkSecret: secret(env.JMEG_SECRET),
    payloadKeys: nonEmpty(env.JMEG_PAYLOAD_KEYS),
    temporalUiOrigins: (nonEmpty(env.JMEG_TEMPORAL_UI_ORIGINS) ?? 'http://127.0.0.1:8233,http://localhost:8233')
      .split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter((o) => o !== ''),
    responseLinkDays: days(env.JMEG_RESPONSE_LINK_DAYS, 60, 'JMEG_RESPONSE_LINK_DAYS'),
    trustProxy: trustProxy(env.JMEG_TRUST_PROXY),
    logLevel: logLevel(env.LOG_LEVEL),
    firstAccount: firstAccount(env),
  };
}

/**
 * The environment variables the worker and the server read; docker-compose.yml must set each one the worker needs.
 * The HTTP server alone also reads JMEG_TRUST_PROXY, LOG_LEVEL and JMEG_ADMIN_*.
 */
export const CONFIG_ENV_VARS = [
  'DATABASE_URL',
  'JMEG_DATA_DIR',
  'SMTP_URL',
  'MAIL_FROM',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'TEMPORAL_BINARY',
  'HOST',
  'PORT',
  'JMEG_PUBLIC_URL',
  'JMEG_SECRET',
  'JMEG_RESPONSE_LINK_DAYS',
  'JMEG_PAYLOAD_KEYS',
] as const;
