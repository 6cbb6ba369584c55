// The obligation workflow's facts, appended to the event log with the obligations projection in one transaction.
// Each fact has an idempotency key from the obligation and what it is about, so a retried activity is a no-op.
import type { Kysely, Transaction } from 'kysely';
import type { Database, ObligationsTable } from '../../db/database';
import { streams, type NewEvent, type ObligationStatus } from '../../db/events';
import { lockStream } from '../../db/event-store';
import { recordInTransaction } from '../../db/record';
import { isIsoDate, type IsoDate } from '../../domain/dates';
import type { ObligationEvent } from '../../workflows/obligation/activities-contract';
import { reminderKey } from '../mail/obligation-mail-activities';
import { asRefusal, refusal } from '../refusal';

/** The contract's facts ('opened' carries the group, act, key, clause, party and anchor). */
export type ObligationEventInput = ObligationEvent;

/** The idempotency keys of the obligation facts; the escalate activity records 'escalated' under the same key. */
export const obligationKeys = {
  opened: (id: string) => `obligation-opened:${id}`,
  dueChanged: (id: string, at: string, to: IsoDate) => `obligation-due:${id}:${at}:${to}`,
  reminder: (id: string, rung: string) => `obligation-reminder:${id}:${rung}`,
  escalated: (id: string) => `obligation-escalated:${id}`,
  met: (id: string) => `obligation-met:${id}`,
};

type ObligationRow = Pick<ObligationsTable, 'id' | 'group_id' | 'act_id' | 'status' | 'due_date'>;

function streamOf(row: Pick<ObligationRow, 'group_id' | 'act_id'>): string {
  return row.act_id !== null ? streams.act(row.act_id) : streams.group(row.group_id);
}

function validate(event: ObligationEventInput): Date {
  const at = new Date(event.at);
  if (typeof event.obligationId !== 'string' || event.obligationId === '')
    throw refusal('InvalidInput', 'recordObligationEvent: obligationId is required');
  if (Number.isNaN(at.getTime()))
    throw refusal('InvalidInput', `recordObligationEvent: at "${event.at}" is not an instant (ISO 8601)`);
  const dates: [string, unknown][] =
    event.type === 'due-changed'
      ? [
          ['from', event.from],
          ['to', event.to],
        ]
      : event.type === 'fulfilled'
        ? [
            ['on', event.on],
            ['due', event.due],
          ]
        : [['due', event.due]];
  for (const [field, value] of dates) {
    if (typeof value !== 'string' || !isIsoDate(value))
      throw refusal(
        'InvalidInput',
        `recordObligationEvent ${event.type}: ${field} "${String(value)}" is not a date (YYYY-MM-DD)`,
      );
  }
  return at;
}

/** The event(s) that record the workflow's fact, given the projection's row (locked); none when it is already so. */
async function eventsFor(
  trx: Transaction<Database>,
  event: ObligationEventInput,
  row: ObligationRow,
  at: Date,
): Promise<NewEvent[]> {
  const id = event.obligationId;
  const statusChange = (status: ObligationStatus, reason: string, key: string): NewEvent[] =>
    row.status === status
      ? []
      : [
          {
            type: 'obligation.status-changed',
            payload: { obligationId: id, status, reason },
            idempotencyKey: key,
            occurredAt: at,
          },
        ];
  switch (event.type) {
    case 'opened':
      // Recorded before the workflow started: the workflow's own count on the current calendar is authoritative.
      if (row.due_date === event.due) return [];
      return [
        {
          type: 'obligation.due-date-changed',
          payload: {
            obligationId: id,
            dueDate: event.due,
            reason: `computed on the working-day calendar when the workflow started (was ${row.due_date})`,
          },
          idempotencyKey: obligationKeys.dueChanged(id, event.at, event.due),
          occurredAt: at,
        },
      ];
    case 'due-changed':
      if (row.due_date === event.to) return [];
      return [
        {
          type: 'obligation.due-date-changed',
          payload: {
            obligationId: id,
            dueDate: event.to,
            reason: `the working-day calendar changed: due ${event.from} -> ${event.to}`,
          },
          idempotencyKey: obligationKeys.dueChanged(id, event.at, event.to),
          occurredAt: at,
        },
      ];
    case 'reminder-sent': {
      const already = await trx
        .selectFrom('obligation_reminders')
        .select('rung')
        .where('obligation_id', '=', id)
        .where('rung', '=', event.rung)
        .executeTakeFirst();
      if (already) return [];
      // The recipients are those of the message the outbox holds for this rung.
      const mail = await trx
        .selectFrom('mail_outbox')
        .select('recipients')
        .where('business_key', '=', reminderKey(id, event.rung))
        .executeTakeFirst();
      return [
        {
          type: 'obligation.reminder-sent',
          payload: { obligationId: id, rung: event.rung, recipients: mail?.recipients ?? [] },
          idempotencyKey: obligationKeys.reminder(id, event.rung),
          occurredAt: at,
        },
      ];
    }
    case 'rung-skipped':
      // A rung already behind an obligation opened late: nothing was sent, the workflow's history keeps the decision.
      return [];
    case 'escalated':
      return statusChange('escalated', `overdue since ${event.due}`, obligationKeys.escalated(id));
    case 'fulfilled':
      return statusChange(
        'met',
        event.late ? `met on ${event.on}, late (due ${event.due})` : `met on ${event.on} (due ${event.due})`,
        obligationKeys.met(id),
      );
  }
}

/** Records one fact of the obligation workflow; refused (non-retryable) for an obligation nobody recorded or a malformed event. */
export async function recordObligationEvent(
  db: Kysely<Database>,
  event: ObligationEventInput,
  actor = `workflow:obligation/${event.obligationId}`,
): Promise<void> {
  const at = validate(event);
  try {
    await db.transaction().execute(async (trx) => {
      // The stream's lock before the row's, in the order every append takes them (an act's response is recorded on
      // the act's stream and then updates this row): the other order deadlocks with it.
      const located = await trx
        .selectFrom('obligations')
        .select(['group_id', 'act_id'])
        .where('id', '=', event.obligationId)
        .executeTakeFirst();
      const stream = located
        ? streamOf(located)
        : event.type === 'opened' && hasDetails(event)
          ? streamOf({ group_id: event.groupId, act_id: event.actId ?? null })
          : null;
      if (stream !== null) await lockStream(trx, stream);
      const row = await trx
        .selectFrom('obligations')
        .select(['id', 'group_id', 'act_id', 'status', 'due_date'])
        .where('id', '=', event.obligationId)
        .forUpdate()
        .executeTakeFirst();
      if (!row) {
        if (event.type !== 'opened') {
          throw refusal(
            'ObligationNotFound',
            `obligation ${event.obligationId}: not in the obligations projection (its 'opened' fact was never recorded)`,
          );
        }
        if (!hasDetails(event))
          throw refusal(
            'InvalidInput',
            `obligation ${event.obligationId} opened: groupId, key, clause, party and anchor (YYYY-MM-DD) are required`,
          );
        const group = await trx.selectFrom('groups').select('id').where('id', '=', event.groupId).executeTakeFirst();
        if (!group)
          throw refusal('GroupNotFound', `obligation ${event.obligationId}: group ${event.groupId} is not recorded`);
        await recordInTransaction(trx, {
          stream: streamOf({ group_id: event.groupId, act_id: event.actId ?? null }),
          actor,
          events: [
            {
              type: 'obligation.opened',
              payload: {
                obligationId: event.obligationId,
                groupId: event.groupId,
                actId: event.actId ?? null,
                key: event.key,
                clause: event.clause,
                party: event.party,
                anchorDate: event.anchor,
                dueDate: event.due,
              },
              idempotencyKey: obligationKeys.opened(event.obligationId),
              occurredAt: at,
            },
          ],
        });
        return;
      }
      const events = await eventsFor(trx, event, row, at);
      if (events.length > 0) await recordInTransaction(trx, { stream: streamOf(row), actor, events });
    });
  } catch (error) {
    throw asRefusal(error, `obligation ${event.obligationId} ${event.type}`);
  }
}

function hasDetails(event: Extract<ObligationEvent, { type: 'opened' }>): boolean {
  const e = event as Partial<typeof event>;
  return (
    typeof e.groupId === 'string' &&
    typeof e.key === 'string' &&
    typeof e.clause === 'string' &&
    typeof e.party === 'string' &&
    typeof e.anchor === 'string' &&
    isIsoDate(e.anchor)
  );
}

export function createObligationEventActivities({ db }: { db: Kysely<Database> }) {
  return {
    /** Appends a domain event for the obligation and updates the obligations projection (idempotent). */
    recordObligationEvent(event: ObligationEventInput): Promise<void> {
      return recordObligationEvent(db, event);
    },
  };
}
