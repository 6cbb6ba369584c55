// The group's scheduled meetings for its calendar feed: date, time and place only (no attendance, no names).
import type { Kysely } from 'kysely';
import type { IsoDate } from '../domain/dates';
import type { Database } from './database';
import type { MeetingKind } from './events';

export interface ScheduledMeeting {
  id: string;
  kind: MeetingKind;
  date: IsoDate;
  /** 'HH:MM' in Bishkek, or null when only the day is set. */
  time: string | null;
  place: string | null;
}

/** Meetings still scheduled (not held, not cancelled), by date. */
export async function scheduledMeetings(db: Kysely<Database>, groupId: string): Promise<ScheduledMeeting[]> {
  const rows = await db
    .selectFrom('meetings')
    .select(['id', 'kind', 'scheduled_on', 'starts_at', 'place'])
    .where('group_id', '=', groupId)
    .where('status', '=', 'scheduled')
    .orderBy('scheduled_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, date: r.scheduled_on, time: r.starts_at, place: r.place }));
}
