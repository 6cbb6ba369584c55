// Crypto-shredding of personal data in the append-only log. Every person has a random 256-bit data key (person_keys);
// the phone, e-mail and birth date in an event's `person` are stored as AES-256-GCM envelopes under that key, so the
// events table never holds them in clear. Reading decrypts them; once the key is erased they read as null with
// `dataErased: true`, and so does a payload stored in clear before encryption existed.
// The event store calls sealPayloads on append and openPayloads on every read: no caller handles keys.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database';
import { PERSONAL_FIELDS, type PersonData } from './events';

/** A personal field as stored: the JSON of its value, encrypted with the person's key (kid = the person's id). */
export interface SealedField {
  enc: 'v1';
  kid: string;
  /** 12 random bytes, base64. */
  iv: string;
  /** Ciphertext followed by the 16-byte GCM tag, base64. */
  ct: string;
}

/** A person's key state: the key, or null once erased. */
export type PersonKeys = Map<string, Buffer | null>;

type Payload = Record<string, unknown>;
type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** The person id of a payload that carries a person's data (member.added, candidate.nominated), else null. */
function personOf(payload: unknown): { personId: string; person: Record<string, unknown> } | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { personId, person } = payload as Payload;
  if (typeof personId !== 'string' || typeof person !== 'object' || person === null) return null;
  return { personId, person: person as Record<string, unknown> };
}

export function isSealedField(value: unknown): value is SealedField {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Payload;
  return v.enc === 'v1' && typeof v.kid === 'string' && typeof v.iv === 'string' && typeof v.ct === 'string';
}

/** Binds a ciphertext to its person and field, so an envelope moved to another field or person fails to open. */
function aad(personId: string, field: PersonalField): Buffer {
  return Buffer.from(`${personId}\u0000${field}`, 'utf8');
}

function seal(key: Buffer, personId: string, field: PersonalField, value: unknown): SealedField {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(personId, field));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value ?? null), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { enc: 'v1', kid: personId, iv: iv.toString('base64'), ct: ct.toString('base64') };
}

function open(key: Buffer, personId: string, field: PersonalField, sealed: SealedField): unknown {
  const data = Buffer.from(sealed.ct, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(aad(personId, field));
  decipher.setAuthTag(data.subarray(data.length - 16));
  const clear = Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]);
  return JSON.parse(clear.toString('utf8')) as unknown;
}

function personIdsOf(payloads: readonly unknown[]): string[] {
  const ids = new Set<string>();
  for (const payload of payloads) {
    const found = personOf(payload);
    if (found) ids.add(found.personId);
  }
  return [...ids];
}

/** The key state of these persons; a person without a row is absent from the map. */
export async function loadPersonKeys(db: Kysely<Database>, personIds: readonly string[]): Promise<PersonKeys> {
  const keys: PersonKeys = new Map();
  if (personIds.length === 0) return keys;
  const rows = await db
    .selectFrom('person_keys')
    .select(['person_id', 'key'])
    .where('person_id', 'in', personIds)
    .execute();
  for (const row of rows) keys.set(row.person_id, row.key === null ? null : Buffer.from(row.key));
  return keys;
}

/** The key state of these persons, creating a key for each person seen for the first time (inside the append's transaction). */
async function ensurePersonKeys(trx: Transaction<Database>, personIds: readonly string[]): Promise<PersonKeys> {
  const keys = await loadPersonKeys(trx, personIds);
  const missing = personIds.filter((id) => !keys.has(id));
  if (missing.length > 0) {
    await trx
      .insertInto('person_keys')
      .values(missing.map((id) => ({ person_id: id, key: randomBytes(32) })))
      .onConflict((oc) => oc.column('person_id').doNothing())
      .execute();
    // A concurrent first appearance may have won the insert: read back whichever key was stored.
    for (const [id, key] of await loadPersonKeys(trx, missing)) keys.set(id, key);
  }
  return keys;
}

/**
 * The payloads to store: each person's phone, e-mail and birth date sealed with their key (created on first
 * appearance). A person whose key is erased gets null there: their data is not written again. Returns the keys
 * used, for reading the stored rows back.
 */
export async function sealPayloads(
  trx: Transaction<Database>,
  payloads: readonly unknown[],
): Promise<{ sealed: unknown[]; keys: PersonKeys }> {
  const keys = await ensurePersonKeys(trx, personIdsOf(payloads));
  const sealed = payloads.map((payload) => {
    const found = personOf(payload);
    if (!found) return payload;
    const key = keys.get(found.personId) ?? null;
    const person: Record<string, unknown> = { ...found.person };
    delete person.dataErased;
    for (const field of PERSONAL_FIELDS) {
      const value = person[field];
      if (isSealedField(value)) continue;
      person[field] = key === null ? null : seal(key, found.personId, field, value);
    }
    return { ...(payload as Payload), person };
  });
  return { sealed, keys };
}

/** The payload as callers see it: personal fields opened, or null with `dataErased: true` once the key is erased. */
export function openPayload(payload: unknown, keys: PersonKeys): unknown {
  const found = personOf(payload);
  if (!found) return payload;
  const key = keys.get(found.personId);
  const person: Record<string, unknown> = { ...found.person };
  if (key === null) {
    // Erased: sealed fields can no longer be opened, and fields stored in clear (older logs) are withheld too.
    for (const field of PERSONAL_FIELDS) person[field] = null;
    person.dataErased = true;
    return { ...(payload as Payload), person: person as unknown as PersonData };
  }
  for (const field of PERSONAL_FIELDS) {
    const value = person[field];
    if (!isSealedField(value)) continue;
    if (key === undefined)
      throw new Error(`no data key for person ${found.personId}: the log holds their sealed ${field}`);
    person[field] = open(key, found.personId, field, value);
  }
  return { ...(payload as Payload), person };
}

/** Loads the keys the payloads need and opens them all (one query per call). */
export async function openPayloads(db: Kysely<Database>, payloads: readonly unknown[]): Promise<unknown[]> {
  const keys = await loadPersonKeys(db, personIdsOf(payloads));
  return payloads.map((payload) => openPayload(payload, keys));
}
