// The keys that encrypt what the product hands to Temporal (security/payload-codec.ts): JMEG_PAYLOAD_KEYS when set
// (required when several processes must agree, as in docker-compose), otherwise generated once per data directory and
// kept in <dataDir>/payload-keys (mode 0600). Both use one format: `id:base64key` entries, comma- or newline-separated,
// the NEWEST FIRST. New payloads are encrypted with the first key; every listed key still decrypts what it encrypted, so
// a key is rotated by putting a new entry in front and retired only once no history still needs it.
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type AppConfig } from '../config/config';
import { secureDir } from './data-dir';

/** AES-256: 32-byte keys. */
export const PAYLOAD_KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface PayloadKey {
  id: string;
  key: Buffer;
}

export interface PayloadKeys {
  /** The key new payloads are encrypted with (the first listed). */
  current: PayloadKey;
  /** Every listed key by its id, the current one included. */
  byId: ReadonlyMap<string, PayloadKey>;
}

/**
 * Parses `id:base64key` entries (comma- or newline-separated, newest first; blank lines and `#` comments ignored).
 * `source` names where they come from in the error messages.
 */
export function parsePayloadKeys(text: string, source: string): PayloadKeys {
  const entries = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .flatMap((line) => line.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0)
    throw new ConfigError(`${source}: no key (expected id:base64key, e.g. k1:$(openssl rand -base64 32))`);
  const byId = new Map<string, PayloadKey>();
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon).trim();
    const encoded = colon < 0 ? '' : entry.slice(colon + 1).trim();
    if (!KEY_ID.test(id))
      throw new ConfigError(
        `${source}: "${id || entry.slice(0, 12)}…" is not id:base64key (the id: 1-64 of A-Z a-z 0-9 . _ -)`,
      );
    if (byId.has(id)) throw new ConfigError(`${source}: the key id "${id}" is listed twice`);
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== PAYLOAD_KEY_BYTES || !/^[A-Za-z0-9+/_-]+=*$/.test(encoded)) {
      throw new ConfigError(
        `${source}: the key "${id}" must be ${PAYLOAD_KEY_BYTES} bytes in base64 (openssl rand -base64 32), not ${key.length} bytes`,
      );
    }
    byId.set(id, { id, key });
  }
  return { current: byId.get([...byId.keys()][0]!)!, byId };
}

export function payloadKeyFileOf(dataDir: string): string {
  return join(dataDir, 'payload-keys');
}

/** A new key entry: a dated, random id and 32 random bytes. */
export function newPayloadKeyEntry(now = new Date()): string {
  return `k${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex')}:${randomBytes(PAYLOAD_KEY_BYTES).toString('base64')}`;
}

/** Reads <dataDir>/payload-keys, creating it with one random key on first use; tightens its mode to 0600. */
export function loadOrCreatePayloadKeyFile(dataDir: string): PayloadKeys {
  const file = payloadKeyFileOf(dataDir);
  secureDir(dataDir);
  try {
    // 'wx' fails when the file exists, so two processes starting together keep the first one's key.
    writeFileSync(
      file,
      `# Temporal payload keys (id:base64key), newest first; see the README's Security section\n${newPayloadKeyEntry()}\n`,
      { flag: 'wx', mode: 0o600 },
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return parsePayloadKeys(readFileSync(file, 'utf8'), file);
}

/** The payload keys of this deployment: JMEG_PAYLOAD_KEYS when set, else the data directory's own file. */
export function payloadKeysOf(config: Pick<AppConfig, 'payloadKeys' | 'dataDir'>): PayloadKeys {
  return config.payloadKeys !== null
    ? parsePayloadKeys(config.payloadKeys, 'JMEG_PAYLOAD_KEYS')
    : loadOrCreatePayloadKeyFile(config.dataDir);
}
