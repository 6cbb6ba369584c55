// Projection: the group's meetings.
import type { Transaction } from 'kysely';
import type { Database } from '../database';
import type { MeetingEvent } from '../events';
import { expectOne } from './expect-one';
import type { Stored } from './stored';

export async function apply(trx: Transaction<Database>, event: Stored<MeetingEvent>): Promise<void> {
  switch (event.type) {
    case 'meeting.scheduled': {
      const p = event.payload;
      await trx
        .insertInto('meetings')
        .values({
          id: p.meetingId,
          group_id: p.groupId,
          kind: p.kind,
          scheduled_on: p.date,
          starts_at: p.time,
          place: p.place,
          status: 'scheduled',
          held_on: null,
          present_count: null,
          cancel_reason: null,
        })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({ scheduled_on: p.date, starts_at: p.time, place: p.place, status: 'scheduled' }),
        )
        .execute();
      return;
    }
    case 'meeting.held': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('meetings')
          .set({ status: 'held', held_on: p.heldOn, present_count: p.present })
          .where('id', '=', p.meetingId)
          .executeTakeFirst(),
        'meetings',
        p.meetingId,
      );
      return;
    }
    case 'meeting.cancelled': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('meetings')
          .set({ status: 'cancelled', cancel_reason: p.reason })
          .where('id', '=', p.meetingId)
          .executeTakeFirst(),
        'meetings',
        p.meetingId,
      );
      return;
    }
  }
}
