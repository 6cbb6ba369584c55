// The activities the obligation workflow calls (types only). The real implementations live in activities/
// and are built by createActivities(deps); the workflow imports nothing but these types.
import type { CalendarSlice } from '../../domain/calendar';
import type { IsoDate } from '../../domain/dates';
import type { CalendarKind } from '../../domain/object-calendar';
import type { RungName } from '../../domain/reminders';

export interface CalendarRange {
  from: IsoDate;
  to: IsoDate;
  /** A council's own calendar corrections apply on top of the national data when given. */
  councilId?: string | null;
  /** Whose calendar: 'object:<id>' counts on that object's (domain/object-calendar.ts); absent, the transfers'. */
  party?: string;
}

/** The calendar data, naming the object's calendar when a party was given. */
export type LoadedCalendar = CalendarSlice & { calendarKind?: CalendarKind };

/** What a reminder or an escalation is about; `obligationId` + `rung` is the idempotency key of the message. */
export interface ObligationNoticeInput {
  obligationId: string;
  key: string;
  clause: string;
  party: string;
  anchor: IsoDate;
  due: IsoDate;
  /** The end of the due day in Asia/Bishkek (UTC ISO timestamp). */
  dueInstant: string;
}

export interface ReminderInput extends ObligationNoticeInput {
  rung: Exclude<RungName, 'escalation'>;
  /** Working days before the due day (3, 1 or 0). */
  workingDaysBefore: number;
}

export type EscalationInput = ObligationNoticeInput;

/** What the obligations projection needs when an obligation opens (obligation.opened). */
export interface ObligationOpenedEvent {
  obligationId: string;
  type: 'opened';
  at: string;
  due: IsoDate;
  dueInstant: string;
  groupId: string;
  /** The act the obligation is about (4.3), or null for the group's own procedures. */
  actId: string | null;
  key: string;
  clause: string;
  party: string;
  anchor: IsoDate;
}

export type ObligationEvent =
  | ObligationOpenedEvent
  | { obligationId: string; type: 'due-changed'; at: string; from: IsoDate; to: IsoDate }
  | { obligationId: string; type: 'reminder-sent'; at: string; rung: RungName; due: IsoDate }
  | { obligationId: string; type: 'rung-skipped'; at: string; rung: RungName; due: IsoDate }
  | { obligationId: string; type: 'escalated'; at: string; due: IsoDate }
  | { obligationId: string; type: 'fulfilled'; at: string; on: IsoDate; due: IsoDate; late: boolean };

export interface ObligationActivities {
  /** The working-day calendar data for whole years covering [from, to] (recorded in history: replay-safe). */
  loadCalendar(range: CalendarRange): Promise<LoadedCalendar>;
  /** Sends one reminder rung; must be idempotent by obligationId + rung. */
  sendReminder(input: ReminderInput): Promise<void>;
  /** Tells the council the obligation is overdue; must be idempotent by obligationId. */
  escalate(input: EscalationInput): Promise<void>;
  /** Appends a domain event for the obligation and updates the obligations projection. */
  recordObligationEvent(event: ObligationEvent): Promise<void>;
}
