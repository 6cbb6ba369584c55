// The activities the term workflow calls (types only; the real ones are built by createActivities in activities/,
// activities/term/term-activities.ts for the term's own, the calendar, events and notices activities for the rest).
import type { AppendDomainEventsInput, AppendDomainEventsResult } from '../../activities/events/append-domain-events';
import type { PublishedNotice, PublishNoticeInput } from '../../activities/notices/publish-notice';
import type { IsoDate } from '../../domain/dates';
import type { CalendarRange, LoadedCalendar } from '../obligation/activities-contract';
import type { CadenceReading, TermMeeting } from './contract';

export interface MeetingMailInput {
  groupId: string;
  councilId: string;
  change: 'scheduled' | 'moved' | 'cancelled';
  /** The n-th mail of this change for this meeting (moves count 1, 2, ...): part of the outbox key. */
  seq: number;
  meeting: Pick<TermMeeting, 'meetingId' | 'kind' | 'date' | 'time' | 'place' | 'agenda' | 'cancelReason'>;
  /** For a move: where it was. */
  previous?: { date: IsoDate; time: string; place: string };
}

export interface TermMailInput {
  groupId: string;
  councilId: string;
  /** The outbox key's tail: 'cadence:2027-Q1', 'term-end:three-months', ... (sent once per group and key). */
  key: string;
  what:
    | {
        kind: 'cadence-warning';
        quarter: { year: number; quarter: number; end: IsoDate };
        reading: CadenceReading;
        meetings: number;
      }
    | { kind: 'term-reminder'; monthsBefore: number; termEnd: IsoDate };
}

export interface TermActivities {
  /** 7.2.2: the council's reading of the cadence (the literal one until the council chooses). */
  loadTermSettings(input: { councilId: string }): Promise<{
    cadenceReading: CadenceReading;
    /** 5.4.8: whether 5.4.2/5.4.3's 15 working days apply to a replacement (absent in older histories: they apply). */
    replacementPeriods?: boolean;
  }>;
  /** Mails every current member with an address (ky, ru) about a meeting, once per key; returns how many were mailed. */
  mailMeetingToMembers(input: MeetingMailInput): Promise<{ mailed: number }>;
  /** Mails the chair and the council (ky, ru) a cadence warning or a term reminder, once per key. */
  mailTermNotice(input: TermMailInput): Promise<{ mailed: number }>;
  loadCalendar(range: CalendarRange): Promise<LoadedCalendar>;
  appendDomainEvents(input: AppendDomainEventsInput): Promise<AppendDomainEventsResult>;
  publishNotice(input: PublishNoticeInput): Promise<PublishedNotice>;
}
