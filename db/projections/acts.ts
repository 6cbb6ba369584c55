// Projection: monitored objects (4.2), acts (8.1) with their annexes, and responses (4.3).
import type { Transaction } from 'kysely';
import type { Database } from '../database';
import type { ActEvent, ObjectEvent } from '../events';
import { expectOne } from './expect-one';
import type { Stored } from './stored';

export async function apply(trx: Transaction<Database>, event: Stored<ObjectEvent | ActEvent>): Promise<void> {
  switch (event.type) {
    case 'object.registered': {
      const p = event.payload;
      await trx
        .insertInto('monitored_objects')
        .values({
          id: p.objectId,
          council_id: p.councilId,
          name: p.name,
          name_ru: p.nameRu ?? null,
          kind: p.kind,
          contacts: JSON.stringify(p.contacts),
          is_executive_body: p.kind === 'executive_body',
          follows_transfers: p.followsTransfers ?? false,
        })
        .execute();
      return;
    }
    case 'object.calendar-set': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('monitored_objects')
          .set({ follows_transfers: p.followsTransfers })
          .where('id', '=', p.objectId)
          .executeTakeFirst(),
        'monitored_objects',
        p.objectId,
      );
      return;
    }
    case 'act.drafted': {
      const p = event.payload;
      await trx
        .insertInto('acts')
        .values({
          id: p.actId,
          group_id: p.groupId,
          object_id: p.objectId,
          title: p.title,
          number: null,
          status: 'draft',
          content: JSON.stringify(p.content),
          issued_on: null,
          received_on: null,
          received_via: null,
          close_reason: null,
        })
        .execute();
      return;
    }
    case 'act.updated': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('acts')
          .set({ title: p.title, content: JSON.stringify(p.content) })
          .where('id', '=', p.actId)
          .executeTakeFirst(),
        'acts',
        p.actId,
      );
      return;
    }
    case 'act.annex-attached': {
      const { actId, annex } = event.payload;
      await trx
        .insertInto('act_annexes')
        .values({
          id: annex.annexId,
          act_id: actId,
          file_name: annex.fileName,
          media_type: annex.mediaType,
          size_bytes: annex.sizeBytes,
          storage_key: annex.storageKey,
        })
        .execute();
      return;
    }
    case 'act.annex-removed': {
      const { actId, annexId } = event.payload;
      await trx.deleteFrom('act_annexes').where('id', '=', annexId).where('act_id', '=', actId).execute();
      return;
    }
    case 'act.issued': {
      const p = event.payload;
      const updated = await trx
        .updateTable('acts')
        .set({ status: 'issued', number: p.number, issued_on: p.issuedOn, content: JSON.stringify(p.content) })
        .where('id', '=', p.actId)
        .executeTakeFirst();
      expectOne(updated, 'acts', p.actId);
      return;
    }
    // 4.3(3): the forwarding is read from the event log itself (db/response-forwards.ts); no table holds it.
    case 'response.forwarded':
      return;
    case 'act.received': {
      const p = event.payload;
      // The executive body's own receipt (4.3(4)) opens its obligation (obligation.opened); the act's row keeps the object's.
      if (p.party === 'executive-body') return;
      expectOne(
        await trx
          .updateTable('acts')
          .set({ status: 'received', received_on: p.receivedOn, received_via: p.via })
          .where('id', '=', p.actId)
          .executeTakeFirst(),
        'acts',
        p.actId,
      );
      return;
    }
    case 'act.closed': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('acts')
          .set({ status: 'closed', close_reason: p.reason })
          .where('id', '=', p.actId)
          .executeTakeFirst(),
        'acts',
        p.actId,
      );
      return;
    }
    case 'response.recorded': {
      const p = event.payload;
      await trx
        .insertInto('responses')
        .values({
          id: p.responseId,
          act_id: p.actId,
          obligation_id: p.obligationId,
          kind: p.kind,
          submitted_at: p.submittedAt,
          late: p.late,
          body: p.body,
          responder: p.responder,
          supersedes_id: p.supersedes,
        })
        .execute();
      return;
    }
  }
}
