// Each open due date of an act drawn as the deadline calculator draws it (month grids with the counted days, the
// days passed over and the due day), on the calendar of the party that owes it: the object's own (4.2: with the
// Cabinet's transfers or on the Labour Code's calendar), the executive body's with the transfers. A grid is shown only
// when its count lands on the due date the procedure recorded, so the picture never disagrees with the date.
import type { Kysely } from 'kysely';
import { calendarEntriesFor } from '../../db/calendar-entries';
import type { Database } from '../../db/database';
import type { MonitoredObject } from '../../db/objects';
import { shippedCalendar, type Calendar } from '../../domain/calendar';
import { deadlineGrid } from '../../domain/calendar-grid';
import { computeDeadline, isObligationKey } from '../../domain/deadlines';
import type { Lang } from '../../domain/i18n';
import { calendarOfKind, type CalendarKind } from '../../domain/object-calendar';
import type { ObligationProgress } from '../../procedures/acts/act-progress';
import { calendarGrid } from '../ui/calendar-grid';
import { html, type Html } from '../ui/html';
import { msg } from '../ui/messages';

export { CALENDAR_GRID_STYLE } from '../ui/calendar-grid';

/** The grids of the open obligations; `object` is the act's object (it owes the 'object:<id>' obligations). */
export async function dueDateGrids(
  db: Kysely<Database>,
  lang: Lang,
  obligations: readonly ObligationProgress[],
  object: MonitoredObject,
): Promise<Html[]> {
  const open = obligations.filter((o) => o.due !== null && o.anchor !== null && !o.fulfilled && o.status !== 'closed');
  if (open.length === 0) return [];
  const councilCalendar = shippedCalendar(await calendarEntriesFor(db, object.councilId));
  const calendarOf = (kind: CalendarKind): Calendar => calendarOfKind(councilCalendar, kind);
  return open.flatMap((o) => {
    if (!isObligationKey(o.key)) return [];
    const calendar = calendarOf(o.party === `object:${object.id}` ? object.calendarKind : 'with-transfers');
    const r = computeDeadline(o.key, o.anchor!, calendar);
    if (r.due !== o.due) return [];
    const marked = r.movedFrom ? { from: r.from, due: r.due, landing: r.movedFrom } : { from: r.from, due: r.due };
    return [
      html`<h3>${msg(lang, 'calc.months')}: ${o.title[lang]}</h3>${calendarGrid(lang, deadlineGrid(r, calendar), marked)}`,
    ];
  });
}
