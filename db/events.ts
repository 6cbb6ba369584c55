// The domain event log's vocabulary: every fact the product records, with its payload shape.
// Dates are IsoDate strings ('YYYY-MM-DD'); instants are ISO 8601 strings (JSON has no Date).
import type { ObjectEditEvent } from './object-edit-events';
import type { MonitoredObjectKind } from '../domain/act';
import type { IsoDate } from '../domain/dates';
import type { Localized } from '../domain/i18n';
import type { CadenceReading } from '../domain/meeting';
import type { RequestEvent } from './requests-events';
import type { ConsiderationEvent } from './consideration-events';
import type { ReportEvent } from './report-events';
import type { PlanEvent } from './plan-events';
import type { TermMembershipEvent } from './term-membership-events';
import type { ConflictEvent } from './conflict-events';
import type { DecisionSubject } from '../domain/decision-stand-aside';
import type { CompositionCureEvent } from './composition-cure-events';

export type Sex = 'M' | 'F';
export type MemberCategory = 'municipal_employee' | 'deputy' | 'citizen';
export type MemberRole = 'member' | 'chair';
export type GroupStatus = 'forming' | 'created' | 'active' | 'term-ended' | 'dissolved';
export type NominationSource = 'executive_head' | 'council_chair' | 'community_gathering';
/** 4.2: the kinds of monitored objects, as the domain names them (MONITORED_OBJECT_KINDS). */
export type ObjectKind = MonitoredObjectKind;
export type ObligationStatus = 'open' | 'met' | 'escalated' | 'closed' | 'cancelled';
export type ActStatus = 'draft' | 'issued' | 'received' | 'closed';
export type NoticeChannel = 'website' | 'notice_board';
/** 'annual-gathering': the community's annual gathering the chair organises (7.2.4), announced publicly. */
export type MeetingKind = 'first' | 'regular' | 'extraordinary' | 'annual-gathering';
export type MeetingStatus = 'scheduled' | 'held' | 'cancelled';
export type ResponseKind = 'object-response' | 'executive-report';
export type CalendarEntryType = 'day-off' | 'working-day';
export type CalendarEntryStatus = 'confirmed' | 'estimated';

export interface Bilingual {
  ky: string;
  ru: string;
}

/**
 * A person's data as recorded; phone, email and birth date are personal data (Law 58), never public. In the stored
 * log those three are encrypted with the person's data key (db/person-data.ts); read back after the key was erased
 * they are null and `dataErased` is true.
 */
export interface PersonData {
  fullName: string;
  sex: Sex;
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; null only when read back erased. */
  birthDate: string | null;
  workplace: string | null;
  village: string | null;
  /** E.164 or null. */
  phone: string | null;
  email: string | null;
  /** Set on read when the person's data key has been erased. */
  dataErased?: true;
}

/** The personal fields of PersonData that are encrypted in the log and erasable. */
export const PERSONAL_FIELDS = ['phone', 'email', 'birthDate'] as const satisfies readonly (keyof PersonData)[];

export interface AnnexData {
  annexId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  storageKey: string;
}

type Ev<T extends string, P> = { type: T; payload: P };

export type CouncilEvent =
  | Ev<
      'council.registered',
      { councilId: string; name: Bilingual; website: string | null; timeZone: string; email: string | null }
    >
  /** Months after a group's term ends that personal data is kept (0: until the person asks). */
  | Ev<'council.retention-set', { councilId: string; months: number }>
  /** 7.2.2: which reading of "once a quarter" the council's groups are checked against. */
  | Ev<'council.cadence-reading-set', { councilId: string; reading: CadenceReading }>;

export type GroupEvent =
  | Ev<
      'group.opened',
      {
        groupId: string;
        councilId: string;
        councilFormedOn: IsoDate | null;
        /** The group whose term ended, when this formation follows it (5.3.1). */
        previousGroupId?: string | null;
      }
    >
  /** 5.4.5: the council's decision creates the group; 5.3.1: the term ends 4 years later. */
  | Ev<
      'group.created',
      {
        groupId: string;
        createdOn: IsoDate;
        resolutionNumber: string;
        termEnd: IsoDate;
        /** 5.4.5 as adopted: each rule of 5.2 the composition breaks, with its clause (words without birth dates). */
        violations?: { code: string; clause: string | null; message: { ky: string; ru: string; en: string } }[];
        /** The chair the council's decision named, or null. */
        chairNamed?: string | null;
      }
    >
  | Ev<'group.status-changed', { groupId: string; status: GroupStatus; reason: string | null }>
  /** A group the council created before the product was used, taken on (procedures/groups/adopt-group.ts). */
  | Ev<'group.adopted', GroupAdoptedPayload>;

/** The council's resolution, its publication and the term (5.3.1); the composition's findings kept (5.2). */
export interface GroupAdoptedPayload {
  groupId: string;
  resolutionNumber: string;
  decidedOn: IsoDate;
  publishedOn: IsoDate;
  /** Item 6 of the resolution: in force from publication; the term starts then unless staff gave another date. */
  termStart: IsoDate;
  termEnd: IsoDate;
  /** The chair the resolution names (5.4.6), or null: to be elected at a meeting. */
  chairMembershipId: string | null;
  members: number;
  /** Without personal data (domain/adoption.ts recordedFinding). */
  findings: { code: string; clause: string | null; severity: 'violation' | 'warning'; message: Localized }[];
}

export type MemberEvent =
  | Ev<
      'member.added',
      {
        groupId: string;
        membershipId: string;
        personId: string;
        person: PersonData;
        category: MemberCategory;
        role: MemberRole;
        joinedOn: IsoDate | null;
      }
    >
  | Ev<'member.removed', { groupId: string; membershipId: string; leftOn: IsoDate; reason: string | null }>
  /** 5.4.6: the chair is elected from the citizen members. */
  | Ev<'member.role-changed', { groupId: string; membershipId: string; role: MemberRole }>;

export type CandidateEvent =
  /** 5.4.4: the community gathering's protocol. */
  | Ev<
      'gathering.protocol-recorded',
      {
        groupId: string;
        protocolId: string;
        heldOn: IsoDate;
        protocolRef: string;
        place: string | null;
        participants: number;
      }
    >
  | Ev<
      'candidate.nominated',
      {
        groupId: string;
        candidateId: string;
        nominationId: string;
        personId: string;
        person: PersonData;
        category: MemberCategory;
        nominatedOn: IsoDate;
        source: NominationSource;
        /** Set exactly when source is community_gathering. */
        protocolId: string | null;
        votes: number | null;
      }
    >
  | Ev<'candidate.withdrawn', { groupId: string; candidateId: string; reason: string | null }>
  | Ev<'candidate.appointed', { groupId: string; candidateId: string; membershipId: string }>;

/** A person's phone, e-mail and birth date made unreadable (their data key erased); carries no personal data. */
export type PersonEvent = Ev<'person.data-erased', { personId: string; groupId: string; reason: string }>;

export type ObjectEvent =
  | Ev<
      'object.registered',
      /** `name` is the Kyrgyz name (the state language); `nameRu` the Russian one; `contacts` e-mail addresses. */
      {
        objectId: string;
        councilId: string;
        name: string;
        nameRu?: string | null;
        kind: ObjectKind;
        contacts: string[];
        /** Staff marked it as following the Cabinet's transfers (domain/object-calendar.ts); absent: false. */
        followsTransfers?: boolean;
      }
    >
  | Ev<'object.calendar-set', { objectId: string; followsTransfers: boolean }>;

export type ActEvent =
  | Ev<
      'act.drafted',
      { actId: string; groupId: string; objectId: string; title: string; content: Record<string, unknown> }
    >
  /** A draft's content replaced (8.1: drafts may be incomplete; only drafts change). */
  | Ev<'act.updated', { actId: string; title: string; content: Record<string, unknown> }>
  | Ev<'act.annex-attached', { actId: string; annex: AnnexData }>
  /** A draft's annex file taken off the act (only drafts; the stored content stays under its hash). */
  | Ev<'act.annex-removed', { actId: string; annexId: string; fileName: string }>
  | Ev<'act.issued', { actId: string; number: string; issuedOn: IsoDate; content: Record<string, unknown> }>
  /** 4.3: the object's receipt; with `party: 'executive-body'`, the executive body's own (4.3(4)). */
  | Ev<'act.received', { actId: string; receivedOn: IsoDate; via: 'link' | 'staff'; party?: 'executive-body' }>
  | Ev<'act.closed', { actId: string; reason: string | null }>
  /** 4.3(3): the object's answer mailed on to the executive body (copy to the group's chair). */
  | Ev<'response.forwarded', { actId: string; responseId: string; to: string[]; forwardedAt: string }>
  | Ev<
      'response.recorded',
      {
        responseId: string;
        actId: string;
        obligationId: string | null;
        kind: ResponseKind;
        submittedAt: string;
        late: boolean;
        body: string;
        responder: string;
        supersedes: string | null;
      }
    >;

export type ObligationEvent =
  | Ev<
      'obligation.opened',
      {
        obligationId: string;
        groupId: string;
        actId: string | null;
        key: string;
        clause: string;
        party: string;
        anchorDate: IsoDate;
        dueDate: IsoDate;
      }
    >
  /** A calendar change moved the due date of an open obligation. */
  | Ev<'obligation.due-date-changed', { obligationId: string; dueDate: IsoDate; reason: string | null }>
  | Ev<'obligation.status-changed', { obligationId: string; status: ObligationStatus; reason: string | null }>
  | Ev<'obligation.reminder-sent', { obligationId: string; rung: string; recipients: string[] }>;

export type NoticeEvent = Ev<
  'notice.published',
  {
    noticeId: string;
    councilId: string;
    groupId: string | null;
    kind: string;
    text: Bilingual;
    channels: NoticeChannel[];
    publishedAt: string;
  }
>;

export type MeetingEvent =
  | Ev<
      'meeting.scheduled',
      {
        meetingId: string;
        groupId: string;
        kind: MeetingKind;
        date: IsoDate;
        time: string | null;
        place: string | null;
        /** 7.2.1: the agenda, when the term procedure scheduled it. */
        agenda?: string;
      }
    >
  | Ev<'meeting.held', { meetingId: string; heldOn: IsoDate; present: number }>
  | Ev<'meeting.cancelled', { meetingId: string; reason: string | null }>
  /** The term procedure's meetings (7.2.1-7.2.3): a move, the attendance and quorum, the minutes, a decision. */
  | Ev<
      'meeting.moved',
      { meetingId: string; groupId: string; date: IsoDate; time: string; place: string; reason: string | null }
    >
  | Ev<
      'meeting.attendance-recorded',
      {
        meetingId: string;
        groupId: string;
        heldOn: IsoDate;
        presentMembershipIds: string[];
        total: number;
        required: number;
        quorate: boolean;
      }
    >
  | Ev<
      'meeting.minutes-recorded',
      {
        meetingId: string;
        groupId: string;
        date: IsoDate;
        text: string;
        file: { fileName: string; mediaType: string; storageKey: string; sizeBytes: number } | null;
      }
    >
  | Ev<
      'meeting.decision-recorded',
      {
        meetingId: string;
        groupId: string;
        decisionId: string;
        text: string;
        votesFor: number;
        votesAgainst: number;
        votesAbstained: number;
        taken: boolean;
        because: 'no-quorum' | 'majority' | 'no-majority';
        /** 6.4 (absent in earlier events): what the decision was about, who took part, who stood aside. */
        subject?: DecisionSubject | null;
        participantMembershipIds?: string[];
        stoodAsideMembershipIds?: string[];
      }
    >;

/** The group's term procedure (5.3.1, 7.2.2): its start, the cadence warnings, the reminders and its end. */
export type TermEvent =
  | Ev<'term.started', { groupId: string; councilId: string; termStart: IsoDate; termEnd: IsoDate }>
  | Ev<
      'term.cadence-warned',
      {
        groupId: string;
        year: number;
        quarter: number;
        on: IsoDate;
        reading: string;
        state: 'no-meeting-yet' | 'more-than-one';
        meetings: number;
      }
    >
  | Ev<'term.reminder-sent', { groupId: string; key: 'three-months' | 'one-month'; on: IsoDate; termEnd: IsoDate }>
  | Ev<'term.ended', { groupId: string; termEnd: IsoDate }>;

export type CalendarEvent =
  | Ev<
      'calendar.entry-set',
      {
        councilId: string | null;
        date: IsoDate;
        entryType: CalendarEntryType;
        name: Bilingual;
        status: CalendarEntryStatus;
      }
    >
  | Ev<'calendar.entry-removed', { councilId: string | null; date: IsoDate }>;

export type DomainEvent =
  | CouncilEvent
  | GroupEvent
  | MemberEvent
  | CandidateEvent
  | PersonEvent
  | ObjectEvent
  | ObjectEditEvent
  | ActEvent
  | ObligationEvent
  | NoticeEvent
  | MeetingEvent
  | TermEvent
  | CalendarEvent
  | RequestEvent
  | ConsiderationEvent
  | ReportEvent
  | PlanEvent
  | ConflictEvent
  | TermMembershipEvent
  | CompositionCureEvent;

export type EventType = DomainEvent['type'];
export type EventOfType<T extends EventType> = Extract<DomainEvent, { type: T }>;

/** An event to append: the fact plus, optionally, its business identity and the time it happened. */
export type NewEvent = DomainEvent & { idempotencyKey?: string | null; occurredAt?: Date };

export interface EventMeta {
  position: number;
  streamId: string;
  streamVersion: number;
  actor: string;
  occurredAt: Date;
  recordedAt: Date;
  idempotencyKey: string | null;
}

/** An event as stored in the log. */
export type StoredEvent = DomainEvent & EventMeta;

/** Stream names: one stream per aggregate whose facts must be ordered. */
export const streams = {
  council: (councilId: string) => `council-${councilId}`,
  group: (groupId: string) => `group-${groupId}`,
  act: (actId: string) => `act-${actId}`,
  object: (objectId: string) => `object-${objectId}`,
  calendar: (councilId: string | null) => `calendar-${councilId ?? 'global'}`,
};
