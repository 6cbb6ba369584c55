// Projection: the editable per-year calendar data (national entries have council_id null).
import { sql, type Transaction } from 'kysely';
import type { Database } from '../database';
import type { CalendarEvent } from '../events';
import type { Stored } from './stored';

export async function apply(trx: Transaction<Database>, event: Stored<CalendarEvent>): Promise<void> {
  const { councilId, date } = event.payload;
  await trx
    .deleteFrom('calendar_entries')
    .where(sql<boolean>`coalesce(council_id, '') = ${councilId ?? ''}`)
    .where('date', '=', date)
    .execute();
  if (event.type === 'calendar.entry-set') {
    const p = event.payload;
    await trx
      .insertInto('calendar_entries')
      .values({
        council_id: p.councilId,
        date: p.date,
        type: p.entryType,
        name_ky: p.name.ky,
        name_ru: p.name.ru,
        status: p.status,
      })
      .execute();
  }
}
