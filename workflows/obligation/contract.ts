// The typed contract of one tracked obligation (track-obligation.ts): its input, state and result, which the
// formation's and the act's contracts carry in their queries and signals.
import type { IsoDate } from '../../domain/dates';
import type { RungName } from '../../domain/reminders';

export interface ObligationInput {
  /** The business key: reminders and the escalation are idempotent by it (plus the rung). */
  obligationId: string;
  /** The group the obligation belongs to (the obligations projection is per group). */
  groupId: string;
  /** The act it is about (4.3), absent for the group's own procedures. */
  actId?: string | null;
  /** An obligation key of domain/deadlines.ts (e.g. 'object-response'). */
  key: string;
  /** The clause that sets the deadline, e.g. '4.3'. */
  clause: string;
  /** Who owes it (a party id the activities resolve to addresses). */
  party: string;
  /** The event the count starts from. */
  anchor: IsoDate;
  /** A due date fixed by someone else; when absent it is computed from `key` and `anchor` on the working-day calendar. */
  due?: IsoDate;
  /** The hour (Asia/Bishkek) at which reminders go out; DEFAULT_REMINDER_HOUR (domain/reminders.ts) if absent. */
  reminderHour?: number;
}

export type { ObligationState, RungStatus } from '../../domain/obligation-state';

export interface ObligationResult {
  obligationId: string;
  due: IsoDate;
  fulfilledOn: IsoDate;
  late: boolean;
  remindersSent: RungName[];
  escalated: boolean;
}

export interface CalendarChangedSignalInput {
  /** Why, for the record (e.g. 'Orozo Ait 2026 confirmed'). */
  reason?: string;
}
