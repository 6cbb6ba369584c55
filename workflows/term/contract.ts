// The typed contract of the group's term procedure (5.3.1, 7.2): one long-running workflow per group, from its creation
// (after the formation's first meeting, or when an existing group is taken on) to the end of its 4-year term. It keeps
// the members and the chair, the meetings (7.2.1-7.2.3: scheduled, moved, cancelled, attendance and quorum, minutes,
// decisions), the quarter's cadence (7.2.2) and the term's reminders, and on the last day sets the group's status to
// term-ended. The API, the pages and the CLI import these constants; the use cases are procedures/term/*.ts.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { IsoDate } from '../../domain/dates';
import type { CadenceReading } from '../../domain/meeting';
import type { DecisionSubject } from '../../domain/decision-stand-aside';
import type { MeetingKind } from '../../db/events';
import type { CalendarChangedSignalInput } from '../obligation/contract';

export type { CadenceReading } from '../../domain/meeting';
export type { DecisionSubject } from '../../domain/decision-stand-aside';

/** A member as the term procedure keeps them: no personal data (no phone, e-mail, birth date) in its history. */
export interface TermMember {
  membershipId: string;
  fullName: string;
  category: 'municipal_employee' | 'deputy' | 'citizen';
}

export interface TermInput {
  groupId: string;
  councilId: string;
  /** The day the term starts (domain/term.ts termStartOf: the publication date when the decision takes effect on it). */
  termStart: IsoDate;
  /** 5.3.1: the last day of the term is the day before termEnd; on termEnd the group's status becomes term-ended. */
  termEnd: IsoDate;
  members: TermMember[];
  /** The chair's membership id (5.4.6), or null while none is elected. */
  chairMembershipId: string | null;
  /** The hour (Asia/Bishkek) the warnings and reminders go out; DEFAULT_REMINDER_HOUR if absent. */
  reminderHour?: number;
  /** Set only by the workflow itself when it continues as new: what the earlier runs knew. */
  carried?: TermCarried;
}

/** The workflow id is the group's business key: one term procedure per group. */
export const termWorkflowId = (groupId: string): string => `term-${groupId}`;

export type TermMeetingStatus = 'scheduled' | 'held' | 'cancelled';

export interface MeetingVotes {
  for: number;
  against: number;
  abstained: number;
}

export interface TermDecision {
  decisionId: string;
  text: string;
  votes: MeetingVotes;
  /**
   * 7.2.3: never taken at a meeting without quorum; else taken when more than half of those present who may take part
   * (the present minus those standing aside, 6.4; domain/decision-stand-aside.ts decisionBase) voted for it.
   */
  taken: boolean;
  because: 'no-quorum' | 'majority' | 'no-majority';
  /** What it is about (6.4), or null/absent: about neither an object, a plan item nor a matter. Absent before 6.4. */
  subject?: DecisionSubject | null;
  /** Who took part: the present minus those standing aside, or the members the chair listed. Absent before 6.4. */
  participantMembershipIds?: string[];
  /** 6.4: the members present who stood aside (a removal in force on the meeting's day for the subject). */
  stoodAsideMembershipIds?: string[];
}

export interface MeetingAttendance {
  heldOn: IsoDate;
  presentMembershipIds: string[];
  present: number;
  /** All current members at the time (7.2.3 counts them all). */
  total: number;
  required: number;
  quorate: boolean;
}

export interface MeetingMinutes {
  /** The date of the minutes (required). */
  date: IsoDate;
  text: string;
  /** A stored file of the signed minutes, when one was uploaded. */
  file: { fileName: string; mediaType: string; storageKey: string; sizeBytes: number } | null;
}

export interface TermMeeting {
  meetingId: string;
  kind: MeetingKind;
  date: IsoDate;
  /** 'HH:MM' in Bishkek. */
  time: string;
  place: string;
  agenda: string;
  status: TermMeetingStatus;
  /** How many times it was moved. */
  moves: number;
  cancelReason: string | null;
  attendance: MeetingAttendance | null;
  minutes: MeetingMinutes | null;
  decisions: TermDecision[];
}

export type CadenceState = 'ok' | 'no-meeting-yet' | 'more-than-one';

export interface TermQuarterState {
  /** The quarter, e.g. { year: 2027, quarter: 1, start: '2027-01-01', end: '2027-03-31' }. */
  year: number;
  quarter: 1 | 2 | 3 | 4;
  start: IsoDate;
  end: IsoDate;
  /** 7.2.2: three working days before the quarter ends, the day a warning goes to the chair. */
  warningOn: IsoDate;
  /** Meetings held or scheduled in the quarter (not cancelled). */
  meetings: number;
  reading: CadenceReading;
  state: CadenceState;
  warned: boolean;
}

export interface TermReminderState {
  /** 'three-months' | 'one-month' before the term's end (5.3.1). */
  key: 'three-months' | 'one-month';
  on: IsoDate;
  sent: boolean;
}

export interface TermState {
  groupId: string;
  councilId: string;
  status: 'active' | 'term-ended';
  today: IsoDate;
  termStart: IsoDate;
  termEnd: IsoDate;
  members: TermMember[];
  chairMembershipId: string | null;
  meetings: TermMeeting[];
  quarter: TermQuarterState | null;
  /** The quarters already closed, with their cadence state (kept short: year, quarter, meetings, warned). */
  pastQuarters: { year: number; quarter: number; meetings: number; warned: boolean }[];
  reminders: TermReminderState[];
  /** 5.4.8: members who left during the term (with the day), the vacancies they opened and how each is filled. */
  departures: TermDeparture[];
  vacancies: TermVacancy[];
  /** 5.4.6: the day the chair left, while no new chair is elected; else null. */
  chairVacantSince: IsoDate | null;
  /** The day each replacement joined (the council's decision, 5.4.8); founding members are absent (from the start). */
  joinedOn: Record<string, IsoDate>;
  /** How many runs the procedure has had (continue-as-new keeps its history bounded). */
  run: number;
}

/** What a run hands to the next when it continues as new. */
export interface TermCarried {
  status: TermState['status'];
  meetings: TermMeeting[];
  pastQuarters: TermState['pastQuarters'];
  reminders: TermReminderState[];
  /** Business keys of the warnings mailed ('cadence:<year>-Q<n>'), of the quarters checked ('checked:cadence:...') and of the reminders passed over ('skipped:<key>'). */
  warned: string[];
  run: number;
  /** 5.4.8 (patched 'member-departure'): departures, vacancies, the chair's vacancy and the days members joined. */
  membership?: {
    departures: TermDeparture[];
    vacancies: TermVacancy[];
    chairVacantSince: IsoDate | null;
    joinedOn: Record<string, IsoDate>;
  };
}

export type DepartureReason = 'resigned' | 'moved-away' | 'died' | 'removed-by-council' | 'other';

export interface TermDeparture extends TermMember {
  /** null: a founding member (from the term's start). */
  joinedOn: IsoDate | null;
  leftOn: IsoDate;
  reason: DepartureReason;
  note: string | null;
  wasChair: boolean;
}

export interface TermNomination {
  fullName: string;
  category: TermMember['category'];
  source: {
    kind: 'executive-head' | 'council-chair' | 'community-gathering';
    /** The document: the head's order, the chair's approval, the gathering's protocol (number or title). */
    ref: string;
    date: IsoDate;
    /** 5.4.4: a gathering's participants and the votes for the nominee. */
    participants: number | null;
    votesFor: number | null;
  };
  /** 5.4.2/5.4.3 as the council reads them for a replacement (default: they apply): named after nominateBy. */
  late: boolean;
}

export interface TermVacancy {
  /** The departed member's membership id. */
  vacancyId: string;
  category: TermMember['category'];
  openedOn: IsoDate;
  /** 5.4.2/5.4.3: 15 working days from the vacancy for municipal employees and deputies; null for citizens (5.4.4 sets none). */
  nominateBy: IsoDate | null;
  nomination: TermNomination | null;
  filled: { membershipId: string; fullName: string; decisionNumber: string; decisionDate: IsoDate } | null;
}

export interface RecordDepartureInput {
  membershipId: string;
  leftOn: IsoDate;
  reason: DepartureReason;
  note?: string | null;
  actor: string;
}

export interface NominateReplacementInput {
  vacancyId: string;
  nominee: { fullName: string; category: TermMember['category'] };
  source: {
    kind: TermNomination['source']['kind'];
    ref: string;
    date: IsoDate;
    participants?: number | null;
    votesFor?: number | null;
  };
  actor: string;
}

export interface AppointReplacementInput {
  vacancyId: string;
  /** The new membership (recorded with the person's data in Postgres by procedures/term/membership.ts first). */
  membershipId: string;
  fullName: string;
  category: TermMember['category'];
  decisionNumber: string;
  decisionDate: IsoDate;
  actor: string;
}

export interface ElectChairInput {
  /** The held, quorate meeting whose record elects the chair. */
  meetingId: string;
  membershipId: string;
  votesFor: number;
  actor: string;
}

export interface ScheduleMeetingInput {
  /** The caller's id for the meeting (a uuid): scheduling the same id again returns the meeting unchanged. */
  meetingId: string;
  kind?: Exclude<MeetingKind, 'first'>;
  date: IsoDate;
  time: string;
  place: string;
  agenda: string;
  actor: string;
}

export interface MoveMeetingInput {
  meetingId: string;
  date: IsoDate;
  time: string;
  /** Absent: the place stays. */
  place?: string;
  reason: string | null;
  actor: string;
}

export interface CancelMeetingInput {
  meetingId: string;
  reason: string;
  actor: string;
}

export interface RecordAttendanceInput {
  meetingId: string;
  /** The day it was held (not after today, not before its scheduled date). */
  heldOn: IsoDate;
  presentMembershipIds: string[];
  actor: string;
}

export interface RecordMinutesInput {
  meetingId: string;
  date: IsoDate;
  text: string;
  file?: MeetingMinutes['file'];
  actor: string;
}

export interface RecordDecisionInput {
  meetingId: string;
  decisionId: string;
  text: string;
  votes: MeetingVotes;
  actor: string;
  /** 6.4 (procedures/term/meetings.ts recordDecision resolves them from Postgres): what it is about, */
  subject?: DecisionSubject | null;
  /** who took part (a subset of those present), */
  participantMembershipIds?: string[];
  /** and who stood aside (present, under a removal in force for the subject on the meeting's day). */
  stoodAsideMembershipIds?: string[];
}

export interface ChangeMembersInput {
  members: TermMember[];
  chairMembershipId: string | null;
  /**
   * The day the members new to the procedure joined (the council's decision adding them, 5.4.5): meetings held before it
   * do not count them in their quorum base (7.2.3). Absent: counted from the start, as before.
   */
  joinedOn?: IsoDate;
  reason: string;
  actor: string;
}

/** 7.2.1: members are told by mail (ky, ru) and the calendar feed shows it. Refused after the term (5.3.1), in the past. */
export const scheduleMeetingUpdate = defineUpdate<TermMeeting, [ScheduleMeetingInput]>('scheduleMeeting');
/** A scheduled meeting to another date, time or place; members are told again. */
export const moveMeetingUpdate = defineUpdate<TermMeeting, [MoveMeetingInput]>('moveMeeting');
export const cancelMeetingUpdate = defineUpdate<TermMeeting, [CancelMeetingInput]>('cancelMeeting');
/** 7.2.3: who attended; the quorum (more than half of all current members) is checked and recorded. */
export const recordAttendanceUpdate = defineUpdate<TermMeeting, [RecordAttendanceInput]>('recordAttendance');
export const recordMinutesUpdate = defineUpdate<TermMeeting, [RecordMinutesInput]>('recordMinutes');
/** A decision with its votes; not taken without quorum (7.2.3). */
export const recordDecisionUpdate = defineUpdate<TermDecision, [RecordDecisionInput]>('recordDecision');
/** The current members and chair (a member replaced, a chair elected): the quorum counts them from then on. */
export const changeMembersUpdate = defineUpdate<TermState, [ChangeMembersInput]>('changeMembers');
/** 5.4.8: a member left on a day; the quorum counts the smaller membership from that day; a vacancy opens. */
export const recordDepartureUpdate = defineUpdate<TermState, [RecordDepartureInput]>('recordDeparture');
/** 5.4.8 with 5.4.2-5.4.4: the replacement named by the vacancy's category's source. */
export const nominateReplacementUpdate = defineUpdate<TermVacancy, [NominateReplacementInput]>('nominateReplacement');
/** 5.4.8 with 5.4.5: the council's decision appoints the nominee; a member from the decision's date; a public notice. */
export const appointReplacementUpdate = defineUpdate<TermState, [AppointReplacementInput]>('appointReplacement');
/** 5.4.6: a quorate meeting's record elects the new chair from the citizen members. */
export const electChairUpdate = defineUpdate<TermState, [ElectChairInput]>('electChair');
export const termStateQuery = defineQuery<TermState>('termState');
/** The working-day calendar changed (procedures/calendar/tell-procedures.ts): the quarter's warning day is counted again. */
export const termCalendarChangedSignal = defineSignal<[CalendarChangedSignalInput]>('calendarChanged');
