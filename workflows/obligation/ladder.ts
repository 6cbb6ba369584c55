// The reminder ladder of one obligation (DESIGN.md "Deadlines"): 3 working days before, 1 before and on the
// due day, then one escalation on the working day after. Pure and bundle-safe.
// Stand-in until domain/reminders.ts (helper "calendar") lands: swap `reminderLadder` for the domain function.
import type { Calendar } from '../../domain/calendar';
import { BISHKEK_UTC_OFFSET_MINUTES, toEpochDay, type IsoDate } from '../../domain/dates';
import { addWorkingDays } from '../../domain/deadlines';

export type LadderRungName = 'before-3' | 'before-1' | 'due-day' | 'escalation';

export interface LadderRung {
  rung: LadderRungName;
  /** Working days from the due day: -3, -1, 0, +1. */
  offset: number;
  date: IsoDate;
  /** When the rung fires: `hour`:00 in Asia/Bishkek on `date`, epoch ms. */
  at: number;
}

const RUNGS: readonly { rung: LadderRungName; offset: number }[] = [
  { rung: 'before-3', offset: -3 },
  { rung: 'before-1', offset: -1 },
  { rung: 'due-day', offset: 0 },
  { rung: 'escalation', offset: 1 },
];

/** The instant `hour`:00 Asia/Bishkek on `date`, epoch ms. */
export function bishkekTime(date: IsoDate, hour: number): number {
  return toEpochDay(date) * 86_400_000 + hour * 3_600_000 - BISHKEK_UTC_OFFSET_MINUTES * 60_000;
}

/** Reminders at 3, 1 and 0 working days before `due`, escalation the working day after, each at `hour` Bishkek time. */
export function reminderLadder(due: IsoDate, calendar: Calendar, hour = 9): LadderRung[] {
  return RUNGS.map(({ rung, offset }) => {
    const date = addWorkingDays(calendar, due, offset);
    return { rung, offset, date, at: bishkekTime(date, hour) };
  });
}
