// The generic recording activity: a workflow appends facts to a stream (projections updated in the same
// transaction). Every event needs an idempotency key, so a retried activity stores nothing twice.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { ConcurrencyError } from '../../db/event-store';
import type { DomainEvent, NewEvent } from '../../db/events';
import { recordInTransaction } from '../../db/record';
import { asRefusal, refusal } from '../refusal';

/** An event as a workflow sends it (JSON: the instant is a string). */
export type WorkflowEvent = DomainEvent & { idempotencyKey: string; occurredAt?: string };

export interface AppendDomainEventsInput {
  stream: string;
  events: WorkflowEvent[];
  /** Who did it, e.g. 'workflow:formation/<groupId>'. */
  actor: string;
  /** The stream's version the workflow last saw; omitted: append after whatever is there. */
  expectedVersion?: number;
}

export interface AppendDomainEventsResult {
  streamVersion: number;
  /** Events written by this call (0 when a retry found them all stored). */
  appended: number;
  /** Log positions of the input events, in input order (first-stored ones for repeated keys). */
  positions: number[];
}

function toNewEvents(input: AppendDomainEventsInput): NewEvent[] {
  const invalid = (rule: string) => refusal('InvalidInput', `appendDomainEvents: ${rule}`);
  if (typeof input.stream !== 'string' || input.stream.trim() === '') throw invalid('stream is required');
  if (typeof input.actor !== 'string' || input.actor.trim() === '') throw invalid('actor is required');
  if (!Array.isArray(input.events) || input.events.length === 0) throw invalid('events must hold at least one event');
  if (input.expectedVersion !== undefined && !(Number.isInteger(input.expectedVersion) && input.expectedVersion >= 0))
    throw invalid(`expectedVersion ${input.expectedVersion} must be a whole number >= 0`);
  return input.events.map((event, i) => {
    const where = `event ${i + 1} (${String(event.type)})`;
    if (typeof event.type !== 'string' || !/^[a-z]+\.[a-z-]+$/.test(event.type))
      throw invalid(`${where}: the type must read "family.fact", e.g. "group.created"`);
    if (typeof event.payload !== 'object' || event.payload === null)
      throw invalid(`${where}: payload must be an object`);
    if (typeof event.idempotencyKey !== 'string' || event.idempotencyKey.trim() === '')
      throw invalid(`${where}: idempotencyKey is required (a retried activity must not append twice)`);
    const occurredAt = event.occurredAt === undefined ? undefined : new Date(event.occurredAt);
    if (occurredAt && Number.isNaN(occurredAt.getTime()))
      throw invalid(`${where}: occurredAt "${event.occurredAt}" is not an instant`);
    return { ...event, occurredAt };
  });
}

export function createEventActivities({ db }: { db: Kysely<Database> }) {
  return {
    /** Appends the events to the stream and updates the projections, atomically and idempotently. */
    async appendDomainEvents(input: AppendDomainEventsInput): Promise<AppendDomainEventsResult> {
      const events = toNewEvents(input);
      try {
        const result = await db.transaction().execute((trx) =>
          recordInTransaction(trx, {
            stream: input.stream,
            expectedVersion: input.expectedVersion ?? 'any',
            events,
            actor: input.actor,
          }),
        );
        return {
          streamVersion: result.streamVersion,
          appended: result.appended.length,
          positions: result.events.map((e) => e.position),
        };
      } catch (error) {
        if (error instanceof ConcurrencyError) {
          throw refusal(
            'StreamVersionConflict',
            `appendDomainEvents: stream ${error.streamId} is at version ${error.actualVersion}, not ${error.expectedVersion}; reload and decide again`,
          );
        }
        throw asRefusal(error, `appendDomainEvents to ${input.stream}`);
      }
    },
  };
}
