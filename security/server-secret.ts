// The server secret that signs response links: JMEG_SECRET when set (required when several processes must agree,
// as in docker-compose), otherwise generated once per data directory and kept in <dataDir>/secret (mode 0600).
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/config';
import { secureDir } from './data-dir';
import { MIN_SECRET_BYTES } from './response-token';

export function secretFileOf(dataDir: string): string {
  return join(dataDir, 'secret');
}

/** Reads <dataDir>/secret, creating it with 32 random bytes (base64url) on first use; tightens its mode to 0600. */
export function loadOrCreateSecret(dataDir: string): string {
  const file = secretFileOf(dataDir);
  secureDir(dataDir);
  try {
    // 'wx' fails when the file exists, so two processes starting together keep the first one's secret.
    writeFileSync(file, randomBytes(MIN_SECRET_BYTES).toString('base64url') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
    throw new Error(
      `${file}: the secret is shorter than ${MIN_SECRET_BYTES} bytes; delete the file to generate a new one (links already sent stop working)`,
    );
  }
  return secret;
}

/** The secret response links are signed with: the configured one, else the data directory's own. */
export function responseLinkSecret(config: Pick<AppConfig, 'responseLinkSecret' | 'dataDir'>): string {
  return config.responseLinkSecret ?? loadOrCreateSecret(config.dataDir);
}
