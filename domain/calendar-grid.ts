// A deadline's count as month grids: the months it spans, week by week from Monday, each day with its kind
// (working, weekend, holiday, day off, worked weekend), its number in the count, and the anchor, landing and due
// days marked; named days (holidays, days off, worked Saturdays) point to one legend entry per name. Pure: the
// pages render it (api/ui/calendar-grid.ts), the count itself is computeDeadline's (domain/deadlines.ts).
import type { Calendar, CalendarName } from './calendar';
import { addDays, compareDates, dayOfWeek, type IsoDate } from './dates';
import type { DeadlineResult } from './deadlines';

export type GridDayKind = 'working' | 'weekend' | 'holiday' | 'day-off' | 'worked-weekend';

export type GridDay = {
  date: IsoDate;
  /** Day of the month, 1-31. */
  day: number;
  kind: GridDayKind;
  /** The day's number in the count: working days for a working-day rule, calendar days for a calendar-day rule. */
  count?: number;
  /** The event the count starts from (or, for a "before" rule, the event counted back from). */
  anchor: boolean;
  /** The day the count reached when it was then moved off a non-working day (calendar-day and month rules). */
  landing: boolean;
  due: boolean;
  /** A non-working day the count passed over (or the landing day moved past). */
  skipped: boolean;
  /** The legend entry naming the day (1-based), for holidays, days off and worked weekends. */
  note?: number;
};

/** One month, Monday-first weeks of seven cells; null is a cell outside the month. */
export type GridMonth = { year: number; month: number; weeks: (GridDay | null)[][] };

/** A name in the legend, with its kind and the dates of the shown months that carry it. */
export type GridLegendEntry = { note: number; kind: GridDayKind; name: CalendarName; dates: IsoDate[] };

export type DeadlineGrid = {
  /** How the count's numbers read: working days, calendar days, or no numbers (months and years). */
  unit: 'working' | 'calendar' | 'none';
  months: GridMonth[];
  legend: GridLegendEntry[];
  /** Months between the shown ones that were left out (a count over more than MAX_MONTHS months). */
  omittedMonths: number;
};

/** More months than this show only the first and the last (a 3-year term is two grids, not 37). */
export const MAX_MONTHS = 4;

const monthKey = (year: number, month: number) => year * 12 + (month - 1);
const pad = (n: number) => String(n).padStart(2, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function kindOf(calendar: Calendar, date: IsoDate): { kind: GridDayKind; name?: CalendarName } {
  const info = calendar.describeDay(date);
  switch (info.reason) {
    case 'holiday':
    case 'day-off':
    case 'weekend':
      return info.name ? { kind: info.reason, name: info.name } : { kind: info.reason };
    case 'worked-weekend':
      return info.name ? { kind: 'worked-weekend', name: info.name } : { kind: 'worked-weekend' };
    default:
      return info.name ? { kind: 'working', name: info.name } : { kind: 'working' };
  }
}

/** The numbers of the count by date: working days counted (1 = first) or calendar days from the day after the anchor. */
function countsOf(result: DeadlineResult): { unit: DeadlineGrid['unit']; counts: Map<IsoDate, number> } {
  const counts = new Map<IsoDate, number>();
  switch (result.rule.kind) {
    case 'working-days-after':
    case 'working-days-before':
      result.counted.forEach((d, i) => counts.set(d, i + 1));
      return { unit: 'working', counts };
    case 'calendar-days-after': {
      const landing = result.movedFrom ?? result.due;
      let n = 0;
      for (let d = addDays(result.from, 1); compareDates(d, landing) <= 0; d = addDays(d, 1)) counts.set(d, ++n);
      return { unit: 'calendar', counts };
    }
    default:
      return { unit: 'none', counts };
  }
}

/** The grids of a computed deadline over the calendar it was computed with. */
export function deadlineGrid(result: DeadlineResult, calendar: Calendar): DeadlineGrid {
  const { unit, counts } = countsOf(result);
  const skipped = new Set(result.skipped.map((s) => s.date));
  const [first, last] =
    compareDates(result.from, result.due) <= 0 ? [result.from, result.due] : [result.due, result.from];
  const firstKey = monthKey(Number(first.slice(0, 4)), Number(first.slice(5, 7)));
  const lastKey = monthKey(Number(last.slice(0, 4)), Number(last.slice(5, 7)));
  const span = lastKey - firstKey + 1;
  const keys = span > MAX_MONTHS ? [firstKey, lastKey] : Array.from({ length: span }, (_, i) => firstKey + i);

  const legend: GridLegendEntry[] = [];
  const noteFor = (kind: GridDayKind, name: CalendarName, date: IsoDate): number => {
    let entry = legend.find((e) => e.kind === kind && e.name.ru === name.ru && e.name.ky === name.ky);
    if (!entry) {
      entry = { note: legend.length + 1, kind, name, dates: [] };
      legend.push(entry);
    }
    entry.dates.push(date);
    return entry.note;
  };

  const months = keys.map((key): GridMonth => {
    const year = Math.floor(key / 12);
    const month = (key % 12) + 1;
    const cells: (GridDay | null)[] = [];
    const firstDate = `${year}-${pad(month)}-01`;
    const lead = (dayOfWeek(firstDate) + 6) % 7;
    for (let i = 0; i < lead; i++) cells.push(null);
    for (let day = 1; day <= daysInMonth(year, month); day++) {
      const date = `${year}-${pad(month)}-${pad(day)}`;
      const { kind, name } = kindOf(calendar, date);
      const cell: GridDay = {
        date,
        day,
        kind,
        anchor: date === result.from,
        landing: result.movedFrom === date,
        due: date === result.due,
        skipped: skipped.has(date),
      };
      const n = counts.get(date);
      if (n !== undefined) cell.count = n;
      if (name && kind !== 'weekend' && kind !== 'working') cell.note = noteFor(kind, name, date);
      cells.push(cell);
    }
    while (cells.length % 7 !== 0) cells.push(null);
    const weeks: (GridDay | null)[][] = [];
    for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
    return { year, month, weeks };
  });

  return { unit, months, legend, omittedMonths: span - keys.length };
}
