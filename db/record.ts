// Recording facts: append to the log and update the projections in one transaction.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database';
import { appendEvents, type AppendResult, type ExpectedVersion } from './event-store';
import type { NewEvent } from './events';
import { project } from './projections';

export interface RecordInput {
  stream: string;
  /** Omitted: 'any' (append after whatever the stream holds). */
  expectedVersion?: ExpectedVersion;
  events: readonly NewEvent[];
  /** Who did it: e.g. 'cli:staff', 'workflow:formation/<id>', 'object:<id>'. */
  actor: string;
}

/** Appends the events and applies the new ones to the projections, atomically. */
export function record(db: Kysely<Database>, input: RecordInput): Promise<AppendResult> {
  return db.transaction().execute((trx) => recordInTransaction(trx, input));
}

/** The same, inside a transaction the caller opened (to combine with its own reads and checks). */
export async function recordInTransaction(trx: Transaction<Database>, input: RecordInput): Promise<AppendResult> {
  const result = await appendEvents(trx, input.stream, input.expectedVersion ?? 'any', input.events, input.actor);
  for (const event of result.appended) await project(trx, event);
  return result;
}
