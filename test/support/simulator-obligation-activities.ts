// In-memory stand-ins for the obligation activities (the DB- and mail-backed ones come with activities/):
// each call is recorded with the virtual instant it ran at, so scenarios assert on arguments and dates.
import { calendarSlice, createCalendar, type CalendarEntry } from '../../domain/calendar';
import type { ObligationActivities, ObligationEvent, ReminderInput, EscalationInput } from '../../workflows/obligation/activities-contract';

export interface ObligationRecorder {
  activities: ObligationActivities;
  /** Calendar entries the next loadCalendar returns; tests add holidays here. */
  calendarEntries: CalendarEntry[];
  reminders: ReminderInput[];
  escalations: EscalationInput[];
  events: ObligationEvent[];
  calendarLoads: number;
}

export function obligationRecorder(entries: CalendarEntry[] = []): ObligationRecorder {
  const rec: ObligationRecorder = {
    calendarEntries: [...entries],
    reminders: [],
    escalations: [],
    events: [],
    calendarLoads: 0,
    activities: {
      loadCalendar: ({ from, to }) => {
        rec.calendarLoads++;
        return Promise.resolve(calendarSlice(createCalendar(rec.calendarEntries), from, to));
      },
      sendReminder: (input) => {
        rec.reminders.push(input);
        return Promise.resolve();
      },
      escalate: (input) => {
        rec.escalations.push(input);
        return Promise.resolve();
      },
      recordObligationEvent: (event) => {
        rec.events.push(event);
        return Promise.resolve();
      },
    },
  };
  return rec;
}

export function dayOff(date: string): CalendarEntry {
  return { date, type: 'day-off', name: { ky: 'Дем алыш күн', ru: 'Выходной день' }, status: 'confirmed' };
}
