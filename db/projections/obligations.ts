// Projection: obligations (who owes what by which clause, due when), their status history and reminder rungs.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../database';
import type { ObligationEvent, ObligationStatus } from '../events';
import { expectOne } from './expect-one';
import type { Stored } from './stored';

export async function apply(trx: Transaction<Database>, event: Stored<ObligationEvent>): Promise<void> {
  switch (event.type) {
    case 'obligation.opened': {
      const p = event.payload;
      await trx
        .insertInto('obligations')
        .values({
          id: p.obligationId,
          group_id: p.groupId,
          act_id: p.actId,
          key: p.key,
          clause: p.clause,
          party: p.party,
          anchor_date: p.anchorDate,
          due_date: p.dueDate,
          status: 'open',
          opened_at: event.occurredAt,
          status_changed_at: event.occurredAt,
        })
        .execute();
      await addStatusChange(trx, p.obligationId, 'open', null, event);
      return;
    }
    case 'obligation.due-date-changed': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('obligations')
          .set({ due_date: p.dueDate })
          .where('id', '=', p.obligationId)
          .executeTakeFirst(),
        'obligations',
        p.obligationId,
      );
      return;
    }
    case 'obligation.status-changed': {
      const p = event.payload;
      const updated = await trx
        .updateTable('obligations')
        .set({ status: p.status, status_changed_at: event.occurredAt })
        .where('id', '=', p.obligationId)
        .executeTakeFirst();
      expectOne(updated, 'obligations', p.obligationId);
      await addStatusChange(trx, p.obligationId, p.status, p.reason, event);
      return;
    }
    case 'obligation.reminder-sent': {
      // The primary key (obligation_id, rung) refuses a second reminder on the same rung.
      const p = event.payload;
      await trx
        .insertInto('obligation_reminders')
        .values({
          obligation_id: p.obligationId,
          rung: p.rung,
          sent_at: event.occurredAt,
          recipients: JSON.stringify(p.recipients),
        })
        .execute();
      return;
    }
  }
}

/** Appends to the obligation's status history with the next sequence number (one statement, no read-then-write). */
async function addStatusChange(
  trx: Transaction<Database>,
  obligationId: string,
  status: ObligationStatus,
  reason: string | null,
  event: Stored<ObligationEvent>,
): Promise<void> {
  await trx
    .insertInto('obligation_status_changes')
    .columns(['obligation_id', 'seq', 'status', 'reason', 'changed_at', 'event_position'])
    .expression((eb) =>
      eb
        .selectFrom('obligation_status_changes')
        .select([
          eb.val(obligationId).as('obligation_id'),
          sql<number>`coalesce(max(seq), 0) + 1`.as('seq'),
          eb.val(status).as('status'),
          eb.val(reason).as('reason'),
          eb.val(event.occurredAt).as('changed_at'),
          eb.val(event.position).as('event_position'),
        ])
        .where('obligation_id', '=', obligationId),
    )
    .execute();
}
