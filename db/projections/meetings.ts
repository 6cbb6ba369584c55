// Projection: the group's meetings (the formation's first one, and the term procedure's: 7.2.1-7.2.3).
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
          agenda: p.agenda ?? null,
        })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({
            scheduled_on: p.date,
            starts_at: p.time,
            place: p.place,
            status: 'scheduled',
            ...(p.agenda === undefined ? {} : { agenda: p.agenda }),
          }),
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
    case 'meeting.moved': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('meetings')
          .set((eb) => ({
            scheduled_on: p.date,
            starts_at: p.time,
            place: p.place,
            moves: eb('moves', '+', 1),
          }))
          .where('id', '=', p.meetingId)
          .executeTakeFirst(),
        'meetings',
        p.meetingId,
      );
      return;
    }
    case 'meeting.attendance-recorded': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('meetings')
          .set({
            status: 'held',
            held_on: p.heldOn,
            present_count: p.presentMembershipIds.length,
            quorate: p.quorate,
            quorum_required: p.required,
            members_total: p.total,
          })
          .where('id', '=', p.meetingId)
          .executeTakeFirst(),
        'meetings',
        p.meetingId,
      );
      await trx.deleteFrom('meeting_attendance').where('meeting_id', '=', p.meetingId).execute();
      if (p.presentMembershipIds.length > 0)
        await trx
          .insertInto('meeting_attendance')
          .values(
            p.presentMembershipIds.map((membershipId) => ({ meeting_id: p.meetingId, membership_id: membershipId })),
          )
          .execute();
      return;
    }
    case 'meeting.minutes-recorded': {
      const p = event.payload;
      expectOne(
        await trx
          .updateTable('meetings')
          .set({
            minutes_date: p.date,
            minutes_text: p.text,
            minutes_file: p.file === null ? null : JSON.stringify(p.file),
          })
          .where('id', '=', p.meetingId)
          .executeTakeFirst(),
        'meetings',
        p.meetingId,
      );
      return;
    }
    case 'meeting.decision-recorded': {
      const p = event.payload;
      const row = {
        meeting_id: p.meetingId,
        text: p.text,
        votes_for: p.votesFor,
        votes_against: p.votesAgainst,
        votes_abstained: p.votesAbstained,
        taken: p.taken,
        because: p.because,
      };
      await trx
        .insertInto('meeting_decisions')
        .values({ id: p.decisionId, ...row })
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
      return;
    }
  }
}
