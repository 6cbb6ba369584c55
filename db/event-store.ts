// The append-only domain event log: per-stream versions (optimistic concurrency), a global position,
// and idempotency keys (the same business fact appended twice is stored once). A person's phone, e-mail and birth
// date are sealed with their data key on append and opened on read (db/person-data.ts): every event this module
// returns carries them opened, or null with `dataErased: true` once the person's key is erased.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, EventsTable } from './database';
import type { NewEvent, StoredEvent } from './events';
import { openPayload, openPayloads, sealPayloads, type PersonKeys } from './person-data';

/** A number: the stream must be at exactly this version (0 = new stream). 'any': append after whatever is there. */
export type ExpectedVersion = number | 'any';

/** Another writer appended to the stream first; reload and decide again. */
export class ConcurrencyError extends Error {
  readonly code = 'stream-version-conflict';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`stream ${streamId} expected version ${expectedVersion}, found ${actualVersion}`);
    this.name = 'ConcurrencyError';
  }
}

export interface AppendResult {
  /** One per input event, in input order: the stored event, or the first-stored one with the same idempotency key. */
  events: StoredEvent[];
  /** Only the events written by this call (what projections must apply). */
  appended: StoredEvent[];
  /** The stream's version after the call. */
  streamVersion: number;
}

const MAX_ATTEMPTS = 5;

/**
 * Takes the stream's writer lock until the transaction ends (re-entrant: appendEvents takes it again at no cost).
 * A transaction that also locks projection rows takes this lock FIRST, as appends do, so two writers of one stream
 * never wait on each other in opposite orders (a deadlock).
 */
export async function lockStream(trx: Transaction<Database>, streamId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${streamId}, 0))`.execute(trx);
}

/**
 * Appends events to a stream inside the caller's transaction; the caller applies projections (use record()). Events whose idempotency key is already stored
 * are not appended again; the stored ones are returned in their place. Throws ConcurrencyError when the stream
 * is not at expectedVersion, including when a concurrent writer wins the race for the next version.
 */
export async function appendEvents(
  trx: Transaction<Database>,
  streamId: string,
  expectedVersion: ExpectedVersion,
  events: readonly NewEvent[],
  actor: string,
): Promise<AppendResult> {
  if (expectedVersion === 'any') {
    // Writers that do not care about the version queue up per stream instead of racing for the next number.
    await lockStream(trx, streamId);
  }
  for (let attempt = 1; ; attempt++) {
    // A savepoint lets us look again after a unique violation without losing the caller's transaction.
    await sql`savepoint append_events`.execute(trx);
    try {
      const result = await tryAppend(trx, streamId, expectedVersion, events, actor);
      await sql`release savepoint append_events`.execute(trx);
      return result;
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === null) throw error;
      await sql`rollback to savepoint append_events`.execute(trx);
      if (constraint === 'events_stream_version_key' && expectedVersion !== 'any') {
        throw new ConcurrencyError(streamId, expectedVersion, await streamVersion(trx, streamId));
      }
      // 'any' lost a version race, or a concurrent writer stored the same idempotency key: read again.
      if (attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function tryAppend(
  trx: Transaction<Database>,
  streamId: string,
  expectedVersion: ExpectedVersion,
  events: readonly NewEvent[],
  actor: string,
): Promise<AppendResult> {
  const keys = [...new Set(events.map((e) => e.idempotencyKey).filter((k): k is string => typeof k === 'string'))];
  const existing = new Map<string, StoredEvent>();
  if (keys.length > 0) {
    const rows = await trx.selectFrom('events').selectAll().where('idempotency_key', 'in', keys).execute();
    for (const event of await openEvents(trx, rows)) existing.set(event.idempotencyKey!, event);
  }

  const current = await streamVersion(trx, streamId);
  const pending: { index: number; event: NewEvent }[] = [];
  const batchKeys = new Map<string, number>();
  const slots: (StoredEvent | number)[] = events.map((event, index) => {
    const key = event.idempotencyKey ?? null;
    if (key !== null) {
      const stored = existing.get(key);
      if (stored) return stored;
      const earlier = batchKeys.get(key);
      if (earlier !== undefined) return earlier;
      batchKeys.set(key, pending.length);
    }
    pending.push({ index, event });
    return pending.length - 1;
  });

  if (pending.length === 0) {
    return { events: slots as StoredEvent[], appended: [], streamVersion: current };
  }
  if (expectedVersion !== 'any' && current !== expectedVersion) {
    throw new ConcurrencyError(streamId, expectedVersion, current);
  }

  const now = new Date();
  const { sealed, keys: personKeys } = await sealPayloads(
    trx,
    pending.map(({ event }) => event.payload),
  );
  const rows = await trx
    .insertInto('events')
    .values(
      pending.map(({ event }, i) => ({
        stream_id: streamId,
        stream_version: current + i + 1,
        type: event.type,
        payload: JSON.stringify(sealed[i]),
        actor,
        occurred_at: event.occurredAt ?? now,
        idempotency_key: event.idempotencyKey ?? null,
      })),
    )
    .returningAll()
    .execute();
  // Projections get what a reader of the log gets (the stored row opened), so a rebuild reproduces them exactly.
  const appended = rows.map((row) => openEvent(row, personKeys)).sort((a, b) => a.streamVersion - b.streamVersion);
  return {
    events: slots.map((slot) => (typeof slot === 'number' ? appended[slot]! : slot)),
    appended,
    streamVersion: current + appended.length,
  };
}

/** The stream's current version: 0 when it has no events. */
export async function streamVersion(db: Kysely<Database>, streamId: string): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.coalesce(eb.fn.max('stream_version'), eb.lit(0)).as('version'))
    .where('stream_id', '=', streamId)
    .executeTakeFirstOrThrow();
  return Number(row.version);
}

/** A stream's events in version order, optionally only those after a version. */
export async function readStream(db: Kysely<Database>, streamId: string, afterVersion = 0): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('stream_id', '=', streamId)
    .where('stream_version', '>', afterVersion)
    .orderBy('stream_version')
    .execute();
  return openEvents(db, rows);
}

/**
 * All events with a global position after `afterPosition`, in position order, at most `limit`.
 * Page with the last position returned. (Positions are assigned at insert, so a reader tailing the log
 * live may see a gap fill in later; a reader inside one transaction, like rebuild, sees a stable log.)
 */
export async function readAll(db: Kysely<Database>, afterPosition = 0, limit = 1000): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('position', '>', afterPosition)
    .orderBy('position')
    .limit(limit)
    .execute();
  return openEvents(db, rows);
}

/** Stored rows as events, each person's personal fields opened with their keys (one key query for all rows). */
export async function openEvents(
  db: Kysely<Database>,
  rows: readonly Selectable<EventsTable>[],
): Promise<StoredEvent[]> {
  const payloads = await openPayloads(
    db,
    rows.map((row) => row.payload),
  );
  return rows.map((row, i) => ({ ...toStoredEvent(row), payload: payloads[i] }) as StoredEvent);
}

function openEvent(row: Selectable<EventsTable>, keys: PersonKeys): StoredEvent {
  return { ...toStoredEvent(row), payload: openPayload(row.payload, keys) } as StoredEvent;
}

/** A row as an event, its payload as stored: a person's phone, e-mail and birth date still sealed (see openEvents). */
export function toStoredEvent(row: Selectable<EventsTable>): StoredEvent {
  return {
    type: row.type,
    payload: row.payload,
    position: Number(row.position),
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    actor: row.actor,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    idempotencyKey: row.idempotency_key,
  } as unknown as StoredEvent;
}

/** The violated constraint's name when the error is a unique violation (23505) on pg or PGlite, else null. */
function uniqueViolation(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (code !== '23505') return null;
  return typeof constraint === 'string' ? constraint : '';
}
