// The reminder ladder of an obligation (DESIGN.md "Deadlines"): reminders some working days before the
// due date and on it, then escalation to the council on the next working day. Each rung has a stable
// name, so the outbox key obligation + rung sends it at most once. The regulation sets no reminders: the
// rungs and the hour are the product's defaults, which a procedure's input can change.
import type { Calendar } from './calendar';
import { BISHKEK_UTC_OFFSET_MINUTES, compareDates, toEpochDay, type IsoDate } from './dates';
import { addWorkingDays } from './deadlines';
import { DomainError } from './domain-error';

export type RungName = `due-${number}` | 'escalation';
export type ReminderRung = { rung: RungName; date: IsoDate; /** UTC ISO timestamp */ instant: string; epochMs: number };

export const DEFAULT_RUNGS: readonly number[] = [3, 1, 0];
export const DEFAULT_REMINDER_HOUR = 9;

/** The instant `hour`:00 in Asia/Bishkek on a civil date, as epoch milliseconds. */
export function bishkekHourEpochMs(date: IsoDate, hour: number): number {
  return toEpochDay(date) * 86_400_000 + (hour * 60 - BISHKEK_UTC_OFFSET_MINUTES) * 60_000;
}

/**
 * The ladder for a due date: one rung per entry of `rungs` (N working days before the due date; 0 = the due
 * day itself), then 'escalation' on the next working day after the due date. Each rung fires at `hour`:00
 * Bishkek time (default 09:00 = 03:00Z). Rungs dated before `start` (the anchor date) are dropped.
 */
export function reminderLadder(
  due: IsoDate,
  calendar: Calendar,
  options: { rungs?: readonly number[]; hour?: number; start?: IsoDate } = {},
): ReminderRung[] {
  const rungs = options.rungs ?? DEFAULT_RUNGS;
  const hour = options.hour ?? DEFAULT_REMINDER_HOUR;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23)
    throw new DomainError('invalid-reminder-hour', `reminder hour: ${hour} must be a whole hour 0-23`, {
      field: 'hour',
    });
  for (const n of rungs) {
    if (!Number.isInteger(n) || n < 0)
      throw new DomainError(
        'invalid-reminder-rung',
        `reminder rungs: ${n} must be a whole number of working days >= 0`,
        { field: 'rungs' },
      );
  }
  const rung = (name: RungName, date: IsoDate): ReminderRung => {
    const epochMs = bishkekHourEpochMs(date, hour);
    return { rung: name, date, instant: new Date(epochMs).toISOString(), epochMs };
  };
  const before = [...new Set(rungs)]
    .sort((a, b) => b - a)
    .map((n) => rung(`due-${n}`, addWorkingDays(calendar, due, -n)))
    .filter((r) => options.start === undefined || compareDates(r.date, options.start) >= 0);
  return [...before, rung('escalation', addWorkingDays(calendar, due, 1))];
}

/** The rungs whose instant has come and that were not sent yet, in ladder order: after downtime the missed ones fire in order, once each. */
export function dueRungs(
  ladder: readonly ReminderRung[],
  nowEpochMs: number,
  alreadySent: ReadonlySet<string>,
): ReminderRung[] {
  return ladder.filter((r) => r.epochMs <= nowEpochMs && !alreadySent.has(r.rung));
}

/**
 * The rungs an obligation opened late passes over: every rung whose instant has come except the latest of them, so
 * that only the latest reminder goes out; the escalation is never passed over.
 */
export function rungsPassedOver(ladder: readonly ReminderRung[], nowEpochMs: number): ReminderRung[] {
  return dueRungs(ladder, nowEpochMs, new Set())
    .slice(0, -1)
    .filter((r) => r.rung !== 'escalation');
}
