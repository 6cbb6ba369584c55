// The database schema as kysely sees it: one table type per table, snake_case, nullable as T | null.
// Dates (`date` columns) are read as 'YYYY-MM-DD' strings and int8 as numbers on both drivers (see connect.ts).
import type { ColumnType, Generated } from 'kysely';
import type {
  ActStatus,
  CalendarEntryStatus,
  CalendarEntryType,
  GroupStatus,
  MeetingKind,
  MeetingStatus,
  MemberCategory,
  MemberRole,
  NominationSource,
  NoticeChannel,
  ObjectKind,
  ObligationStatus,
  ResponseKind,
  Sex,
} from './events';
import type { CadenceReading } from '../domain/meeting';
import type { PlanItemLinksTable, PlanItemsTable, PlanProposalsTable, WorkPlansTable } from './plan-tables';
import type { CouncilDecision } from '../domain/council-consideration';
import type { ReportFacts, StoredReportTexts } from '../domain/summary-report';
import type { ConflictDeclarationsTable, ConflictRemovalsTable } from './conflict-tables';

/** A jsonb column: written as a JSON string (the same on pg and PGlite), read as the parsed value. */
export type Json<T> = ColumnType<T, string, string>;
/** A timestamptz column: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type IsoDateColumn = string;

/** A date column's value as the domain's IsoDate (Postgres and PGlite both return 'YYYY-MM-DD'), null kept. */
export const isoDateOf = (value: IsoDateColumn | null | undefined): string | null =>
  value == null ? null : String(value).slice(0, 10);

export interface EventsTable {
  position: Generated<number>;
  stream_id: string;
  stream_version: number;
  type: string;
  payload: Json<unknown>;
  actor: string;
  occurred_at: Timestamp;
  recorded_at: ColumnType<Date, never, never>;
  idempotency_key: string | null;
}

export interface CouncilsTable {
  id: string;
  name_ky: string;
  name_ru: string;
  website: string | null;
  time_zone: Generated<string>;
  email: string | null;
  registered_at: Timestamp;
  /** Months after a group's term ends that its persons' phones, e-mails and birth dates are kept; 0: until asked. */
  retention_months: Generated<number>;
  /** 7.2.2's reading for the council's groups (db/councils.ts councilCadenceReading). */
  cadence_reading: Generated<CadenceReading>;
  /** 5.4.8: whether 5.4.2/5.4.3's 15 working days apply to a replacement (default true; db/replacement-periods.ts). */
  replacement_periods: Generated<boolean>;
  /** Days after an act's issue within which the council expects to consider it (null: the default; not statutory). */
  consideration_days: Generated<number | null>;
  /** Days after a reporting period's end the group's report is due (null: the default; not statutory). */
  report_due_days: Generated<number | null>;
}

export interface GroupsTable {
  id: string;
  council_id: string;
  status: GroupStatus;
  council_formed_on: IsoDateColumn | null;
  created_on: IsoDateColumn | null;
  resolution_number: string | null;
  term_end: IsoDateColumn | null;
  opened_at: Timestamp;
  /** The group whose term ended, when this one's formation follows it (5.3.1). */
  previous_group_id: Generated<string | null>;
}

/** A group taken on: the resolution, its publication, the term and the composition's findings (group.adopted). */
export interface GroupAdoptionsTable {
  group_id: string;
  resolution_number: string;
  decided_on: IsoDateColumn;
  published_on: IsoDateColumn;
  term_start: IsoDateColumn;
  term_end: IsoDateColumn;
  chair_elected_later: boolean;
  members: number;
  findings: Json<
    {
      code: string;
      clause: string | null;
      severity: 'violation' | 'warning';
      message: Record<'ky' | 'ru' | 'en', string>;
    }[]
  >;
  adopted_at: Timestamp;
}

export interface PersonsTable {
  id: string;
  council_id: string;
  full_name: string;
  sex: Sex;
  /** Null once the person's data is erased. */
  birth_date: string | null;
  workplace: string | null;
  village: string | null;
  phone: string | null;
  email: string | null;
  /** When the person's phone, e-mail and birth date were erased (person.data-erased); null while readable. */
  data_erased_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** A person's data key (not a projection): AES-256-GCM over their phone, e-mail and birth date in the log. */
export interface PersonKeysTable {
  person_id: string;
  /** 32 random bytes; null once erased. */
  key: Uint8Array | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  erased_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface MembershipsTable {
  id: string;
  group_id: string;
  person_id: string;
  category: MemberCategory;
  role: MemberRole;
  joined_on: IsoDateColumn | null;
  left_on: IsoDateColumn | null;
  left_reason: string | null;
}

export interface GatheringProtocolsTable {
  id: string;
  group_id: string;
  held_on: IsoDateColumn;
  protocol_ref: string;
  place: string | null;
  participants: number;
}

export interface CandidatesTable {
  id: string;
  group_id: string;
  person_id: string;
  category: MemberCategory;
  status: 'nominated' | 'withdrawn' | 'appointed';
  membership_id: string | null;
  withdrawn_reason: string | null;
}

export interface NominationsTable {
  id: string;
  candidate_id: string;
  source: NominationSource;
  protocol_id: string | null;
  votes: number | null;
  nominated_on: IsoDateColumn;
}

export interface MonitoredObjectsTable {
  id: string;
  council_id: string;
  /** In Kyrgyz. */
  name: string;
  name_ru: string | null;
  kind: ObjectKind;
  contacts: Json<string[]>;
  is_executive_body: boolean;
  /** Staff marked an object that is not a state or municipal body as following the Cabinet's transfers. */
  follows_transfers: Generated<boolean>;
  /** The object's postal address (paper delivery of acts), edited by staff; null when none was given. */
  postal_address: string | null;
  /** False once staff mark it inactive: no new acts or information requests to it (object.deactivated). */
  active: Generated<boolean>;
}

/** Information requests (7.3.2(1), Law No. 217): db/requests-projection.ts. */
export interface InformationRequestsTable {
  id: string;
  group_id: string;
  council_id: string;
  object_id: string;
  subject: string;
  purpose: string;
  reference: string | null;
  act_id: string | null;
  calendar_kind: 'with-transfers' | 'labour-code';
  sent_on: IsoDateColumn;
  received_on: IsoDateColumn | null;
  received_via: 'link' | 'staff' | null;
  first_due_date: IsoDateColumn | null;
  due_date: IsoDateColumn | null;
  extension_reason: string | null;
  extended_on: IsoDateColumn | null;
  outcome: 'answered' | 'refused' | null;
  outcome_on: IsoDateColumn | null;
  answer_text: string | null;
  refusal_ground: 'state-secret' | 'personal-data' | 'other-law' | null;
  refusal_text: string | null;
  escalated: Generated<boolean>;
  created_at: Timestamp;
}

export interface ActsTable {
  id: string;
  group_id: string;
  object_id: string;
  title: string;
  number: string | null;
  status: ActStatus;
  content: Json<Record<string, unknown>>;
  issued_on: IsoDateColumn | null;
  received_on: IsoDateColumn | null;
  received_via: 'link' | 'staff' | null;
  close_reason: string | null;
}

export interface ActAnnexesTable {
  id: string;
  act_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  storage_key: string;
}

export interface ResponsesTable {
  id: string;
  act_id: string;
  obligation_id: string | null;
  kind: ResponseKind;
  submitted_at: Timestamp;
  late: boolean;
  body: string;
  responder: string;
  supersedes_id: string | null;
}

export interface ObligationsTable {
  id: string;
  group_id: string;
  act_id: string | null;
  key: string;
  clause: string;
  party: string;
  anchor_date: IsoDateColumn;
  due_date: IsoDateColumn;
  status: ObligationStatus;
  opened_at: Timestamp;
  status_changed_at: Timestamp;
}

export interface ObligationStatusChangesTable {
  obligation_id: string;
  seq: number;
  status: ObligationStatus;
  reason: string | null;
  changed_at: Timestamp;
  event_position: number;
}

export interface ObligationRemindersTable {
  obligation_id: string;
  rung: string;
  sent_at: Timestamp;
  recipients: Json<string[]>;
}

export interface NoticesTable {
  id: string;
  council_id: string;
  group_id: string | null;
  kind: string;
  text_ky: string;
  text_ru: string;
  channels: Json<NoticeChannel[]>;
  published_at: Timestamp;
}

export interface MeetingsTable {
  id: string;
  group_id: string;
  kind: MeetingKind;
  scheduled_on: IsoDateColumn;
  starts_at: string | null;
  place: string | null;
  status: MeetingStatus;
  held_on: IsoDateColumn | null;
  present_count: number | null;
  cancel_reason: string | null;
  /** The term procedure's meetings (20261207T0904-term): agenda, moves, 7.2.3 quorum and the minutes. */
  agenda: string | null;
  moves: Generated<number>;
  quorate: boolean | null;
  quorum_required: number | null;
  members_total: number | null;
  minutes_date: IsoDateColumn | null;
  minutes_text: string | null;
  minutes_file: ColumnType<
    { fileName: string; mediaType: string; storageKey: string; sizeBytes: number } | null,
    string | null,
    string | null
  >;
}

/** 5.3.1: the group's term as its procedure keeps it (term.started, term.ended). */
export interface GroupTermsTable {
  group_id: string;
  term_start: IsoDateColumn;
  term_end: IsoDateColumn;
  status: 'active' | 'term-ended';
  ended_on: IsoDateColumn | null;
}

/** The term procedure's warnings (7.2.2) and reminders (5.3.1) sent, once each by key. */
export interface TermNoticesTable {
  group_id: string;
  notice_key: string;
  kind: 'cadence-warning' | 'term-reminder';
  on_date: IsoDateColumn;
  detail: string;
}

/** 7.2.3: who attended a meeting. */
export interface MeetingAttendanceTable {
  meeting_id: string;
  membership_id: string;
}

/** A meeting's decision with its votes; not taken without quorum (7.2.3). */
export interface MeetingDecisionsTable {
  id: string;
  meeting_id: string;
  text: string;
  votes_for: number;
  votes_against: number;
  votes_abstained: number;
  taken: boolean;
  because: 'no-quorum' | 'majority' | 'no-majority';
}

export interface CalendarEntriesTable {
  /** null: the national calendar; set: a council's own correction. */
  council_id: string | null;
  date: IsoDateColumn;
  type: CalendarEntryType;
  name_ky: string;
  name_ru: string;
  status: CalendarEntryStatus;
}

export interface MailOutboxTable {
  id: Generated<number>;
  business_key: string;
  recipients: Json<string[]>;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: ColumnType<Date, never, never>;
  sent_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface Database {
  events: EventsTable;
  councils: CouncilsTable;
  groups: GroupsTable;
  group_adoptions: GroupAdoptionsTable;
  persons: PersonsTable;
  person_keys: PersonKeysTable;
  memberships: MembershipsTable;
  gathering_protocols: GatheringProtocolsTable;
  candidates: CandidatesTable;
  nominations: NominationsTable;
  monitored_objects: MonitoredObjectsTable;
  acts: ActsTable;
  information_requests: InformationRequestsTable;
  act_annexes: ActAnnexesTable;
  responses: ResponsesTable;
  obligations: ObligationsTable;
  obligation_status_changes: ObligationStatusChangesTable;
  obligation_reminders: ObligationRemindersTable;
  notices: NoticesTable;
  meetings: MeetingsTable;
  group_terms: GroupTermsTable;
  term_notices: TermNoticesTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_decisions: MeetingDecisionsTable;
  calendar_entries: CalendarEntriesTable;
  mail_outbox: MailOutboxTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  password_links: PasswordLinksTable;
  feed_tokens: FeedTokensTable;
  act_considerations: ActConsiderationsTable;
  recommendation_decisions: RecommendationDecisionsTable;
  summary_reports: SummaryReportsTable;
  report_considerations: ReportConsiderationsTable;
  report_recommendation_decisions: ReportRecommendationDecisionsTable;
  work_plans: WorkPlansTable;
  plan_items: PlanItemsTable;
  plan_proposals: PlanProposalsTable;
  plan_item_links: PlanItemLinksTable;
  conflict_declarations: ConflictDeclarationsTable;
  conflict_removals: ConflictRemovalsTable;
}

/** A council session that considered an act (issue 15 point 3). */
export interface ActConsiderationsTable {
  id: string;
  act_id: string;
  session_on: IsoDateColumn;
  agenda_item: string;
  recorded_at: Timestamp;
}

/** The council's decision on one of the act's recommendations (numbered from 1 as the act lists them). */
export interface RecommendationDecisionsTable {
  consideration_id: string;
  act_id: string;
  recommendation: number;
  decision: CouncilDecision;
  text: string;
}

/** A council session that considered a summary report (issue 15 point 3; 8.1). */
export interface ReportConsiderationsTable {
  id: string;
  report_id: string;
  session_on: IsoDateColumn;
  agenda_item: string;
  recorded_at: Timestamp;
}

/** The council's decision on one of the report's recommendations (numbered from 1 as the report lists them). */
export interface ReportRecommendationDecisionsTable {
  consideration_id: string;
  report_id: string;
  recommendation: number;
  decision: CouncilDecision;
  text: string;
}

export type AccountRole = 'staff' | 'chair' | 'member' | 'deputy';

/** The iCalendar feed's secret per group (only its sha256 is kept; the URL carries the token). */
export interface FeedTokensTable {
  group_id: string;
  token_hash: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface AccountsTable {
  id: string;
  /** Lower-case. */
  email: string;
  /** scrypt$N$r$p$salt$hash (security/password.ts). */
  password_hash: string;
  role: AccountRole;
  /** Staff: the council they administer (null: every council, the first account); deputy: their council. */
  council_id: string | null;
  /** Chair and member: their group. */
  group_id: string | null;
  /** Chair and member: the membership the account speaks for (6.3: a member declares their own conflict). */
  membership_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** A single-use, expiring link to set an account's password (db/password-links.ts); only its token's sha256 is kept. */
export interface PasswordLinksTable {
  id: string;
  account_id: string;
  token_hash: string;
  purpose: 'invitation' | 'reset';
  lang: 'ky' | 'ru' | 'en';
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface SessionsTable {
  /** sha256 (hex) of the cookie's session id; the id itself is never stored. */
  id_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
}

/** A group's summary report for a half-year or a year (issue 15 point 2). */
export interface SummaryReportsTable {
  id: string;
  group_id: string;
  period: string;
  start_date: IsoDateColumn;
  end_date: IsoDateColumn;
  due_date: IsoDateColumn;
  status: 'draft' | 'submitted';
  texts: Json<StoredReportTexts>;
  facts: ColumnType<ReportFacts | null, string | null, string | null>;
  submitted_on: IsoDateColumn | null;
  notice_id: string | null;
  drafted_at: Timestamp;
  /** 7.2.4: the annual gathering staff or the chair chose for presenting a yearly report (null: the next one). */
  presentation_meeting_id: ColumnType<string | null, string | null | undefined, string | null>;
}
