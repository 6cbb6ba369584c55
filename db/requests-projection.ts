// Projection: information requests (7.3.2(1), Law No. 217), from the request.* events.
import type { Transaction, Updateable } from 'kysely';
import type { Database, InformationRequestsTable } from './database';
import type { RequestEvent } from './requests-events';
import { expectOne } from './projections/expect-one';
import type { Stored } from './projections/stored';

export async function apply(trx: Transaction<Database>, event: Stored<RequestEvent>): Promise<void> {
  const update = async (id: string, set: Updateable<InformationRequestsTable>) =>
    expectOne(
      await trx.updateTable('information_requests').set(set).where('id', '=', id).executeTakeFirst(),
      'information_requests',
      id,
    );
  switch (event.type) {
    case 'request.written': {
      const p = event.payload;
      await trx
        .insertInto('information_requests')
        .values({
          id: p.requestId,
          group_id: p.groupId,
          council_id: p.councilId,
          object_id: p.objectId,
          subject: p.subject,
          purpose: p.purpose,
          reference: p.reference,
          act_id: p.actId,
          calendar_kind: p.calendarKind,
          sent_on: p.sentOn,
          created_at: event.occurredAt,
        })
        .execute();
      return;
    }
    case 'request.received': {
      const p = event.payload;
      return update(p.requestId, {
        received_on: p.receivedOn,
        received_via: p.via,
        first_due_date: p.dueDate,
        due_date: p.dueDate,
      });
    }
    case 'request.due-changed': {
      const p = event.payload;
      return update(p.requestId, { first_due_date: p.dueDate, due_date: p.dueDate });
    }
    case 'request.extended': {
      const p = event.payload;
      return update(p.requestId, { due_date: p.dueDate, extended_on: p.on, extension_reason: p.reason });
    }
    case 'request.answered': {
      const p = event.payload;
      return update(p.requestId, { outcome: 'answered', outcome_on: p.on, answer_text: p.text });
    }
    case 'request.refused': {
      const p = event.payload;
      return update(p.requestId, {
        outcome: 'refused',
        outcome_on: p.on,
        refusal_ground: p.ground,
        refusal_text: p.text,
      });
    }
    case 'request.escalated':
      return update(event.payload.requestId, { escalated: true });
  }
}
