// The state of one tracked obligation (DESIGN.md "Deadlines"): its due date under the catalogue of deadlines.ts,
// its reminder ladder (reminders.ts), its fulfilment and its escalation. The procedures' checks read it.
import type { IsoDate } from './dates';
import type { CalendarKind } from './object-calendar';
import type { RungName } from './reminders';

export type RungStatus = 'pending' | 'sent' | 'skipped';

export interface ObligationState {
  obligationId: string;
  key: string;
  clause: string;
  party: string;
  anchor: IsoDate;
  due: IsoDate | null;
  dueInstant: string | null;
  ladder: { rung: RungName; date: IsoDate; at: string; status: RungStatus }[];
  fulfilled: { on: IsoDate; late: boolean } | null;
  escalated: boolean;
  /** How many times the calendar was loaded (1 + each calendar change). */
  calendarLoads: number;
  /** The calendar the count used, when it is an object's (object-calendar.ts). */
  calendarKind?: CalendarKind;
}
