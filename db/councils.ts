// Reading and registering councils.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { DomainError } from '../domain/domain-error';
import { RETENTION_MONTHS_MAX } from '../domain/retention';
import { CADENCE_READINGS, DEFAULT_CADENCE_READING, type CadenceReading } from '../domain/meeting';
import type { CouncilsTable, Database } from './database';
import { streams, type Bilingual } from './events';
import { record } from './record';

export type Council = Selectable<CouncilsTable>;

export function findCouncilById(db: Kysely<Database>, id: string): Promise<Council | undefined> {
  return db.selectFrom('councils').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listCouncils(db: Kysely<Database>): Promise<Council[]> {
  return db.selectFrom('councils').selectAll().orderBy('registered_at').orderBy('id').execute();
}

export interface RegisterCouncilInput {
  name: Bilingual;
  website?: string | null;
  email?: string | null;
  timeZone?: string;
  /** Given by callers that need a stable id; a new UUID otherwise. */
  id?: string;
}

/** Records a council.registered event; returns the council's id. */
export async function registerCouncil(
  db: Kysely<Database>,
  input: RegisterCouncilInput,
  actor: string,
): Promise<string> {
  const councilId = input.id ?? randomUUID();
  await record(db, {
    stream: streams.council(councilId),
    expectedVersion: 0,
    actor,
    events: [
      {
        type: 'council.registered',
        payload: {
          councilId,
          name: input.name,
          website: input.website ?? null,
          timeZone: input.timeZone ?? 'Asia/Bishkek',
          email: input.email ?? null,
        },
      },
    ],
  });
  return councilId;
}

/**
 * Records council.retention-set: personal data of the council's groups is kept `months` months after a term ends
 * (0: until the person asks). Setting the period it already has records nothing. The council must exist.
 */
export async function setCouncilRetention(
  db: Kysely<Database>,
  councilId: string,
  months: number,
  actor: string,
): Promise<{ changed: boolean }> {
  if (!Number.isInteger(months) || months < 0 || months > RETENTION_MONTHS_MAX) {
    throw new DomainError('invalid-retention', `months: a whole number from 0 to ${RETENTION_MONTHS_MAX}`, {
      field: 'months',
    });
  }
  const council = await findCouncilById(db, councilId);
  if (!council) throw new DomainError('unknown-council', `council ${councilId} does not exist`, { councilId });
  if (council.retention_months === months) return { changed: false };
  await record(db, {
    stream: streams.council(councilId),
    actor,
    events: [{ type: 'council.retention-set', payload: { councilId, months } }],
  });
  return { changed: true };
}

/**
 * 7.2.2: the reading of "once a quarter" the council chose for its groups' meetings; the literal one ("not more than
 * once", DEFAULT_CADENCE_READING) until it chooses. The term procedure reads it when a term starts or continues.
 */
export async function councilCadenceReading(db: Kysely<Database>, councilId: string): Promise<CadenceReading> {
  const row = await db.selectFrom('councils').select('cadence_reading').where('id', '=', councilId).executeTakeFirst();
  if (!row) throw new DomainError('unknown-council', `council ${councilId} does not exist`, { councilId });
  return isCadenceReading(row.cadence_reading) ? row.cadence_reading : DEFAULT_CADENCE_READING;
}

export function isCadenceReading(value: unknown): value is CadenceReading {
  return typeof value === 'string' && Object.hasOwn(CADENCE_READINGS, value);
}

/** Records council.cadence-reading-set (7.2.2); choosing the reading it already has records nothing. */
export async function setCouncilCadenceReading(
  db: Kysely<Database>,
  councilId: string,
  reading: CadenceReading,
  actor: string,
): Promise<{ changed: boolean }> {
  if (!isCadenceReading(reading)) {
    throw new DomainError('invalid-cadence-reading', `reading: one of ${Object.keys(CADENCE_READINGS).join(', ')}`, {
      field: 'reading',
    });
  }
  const current = await councilCadenceReading(db, councilId);
  if (current === reading) return { changed: false };
  await record(db, {
    stream: streams.council(councilId),
    actor,
    events: [{ type: 'council.cadence-reading-set', payload: { councilId, reading } }],
  });
  return { changed: true };
}
