// The timelines of the chair's dashboard, read from the append-only event log: the formation procedure (the group's
// stream: notices, protocol, nominations, decision, meetings, the formation's obligations) and each act (its stream:
// drafted, issued, received, responses, reminders, escalations, closed). Only what the chair needs to follow the
// procedure goes out: kinds, dates, obligation keys and clauses, counts. Never a person's data (the member and
// candidate events carry phones and birth dates: they become a count and a category), never a response's text.
import { sql, type Kysely } from 'kysely';
import { addDays, bishkekDateOf, type IsoDate } from '../domain/dates';
import type { Database } from './database';
import { toStoredEvent } from './event-store';
import { streams, type ObligationStatus, type StoredEvent } from './events';

export const TIMELINE_KINDS = [
  'group.opened',
  'group.created',
  'group.status-changed',
  'notice.published',
  'gathering.protocol-recorded',
  'candidate.nominated',
  'candidate.withdrawn',
  'candidate.appointed',
  'member.added',
  'member.removed',
  'member.role-changed',
  'meeting.scheduled',
  'meeting.held',
  'meeting.cancelled',
  'act.drafted',
  'act.issued',
  'act.received',
  'response.recorded',
  'act.closed',
  'obligation.opened',
  'obligation.due-date-changed',
  'obligation.reminder-sent',
  'obligation.met',
  'obligation.escalated',
  'obligation.closed',
  'obligation.cancelled',
  'obligation.reopened',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  /** The event's position in the log (the first one, for a merged entry). */
  position: number;
  /** When it happened (UTC ISO). */
  at: string;
  /** The day it is about in Bishkek: the business date when the event has one (issued on, received on, held on...), else the day it happened. */
  date: IsoDate;
  kind: TimelineKind;
  /** How many events of this kind on this day were merged into the entry (nominations, members added). */
  count: number;
  obligation?: { id: string; key: string; clause: string };
  /** A reminder's rung: 'due-3', 'due-1', 'due-0'. */
  rung?: string;
  /** The (new) due date of an obligation. */
  dueDate?: IsoDate;
  /** A group status, a notice's kind, a meeting's kind, a response's kind, a member's category. */
  detail?: string;
  /** The meeting's date (and time) for meeting.scheduled. */
  meetingDate?: IsoDate;
  meetingTime?: string | null;
  actNumber?: string;
  receivedVia?: 'link' | 'staff';
  late?: boolean;
  /** The reason given when an act was closed or a group's status changed. */
  reason?: string | null;
}

export interface ActTimeline {
  actId: string;
  number: string | null;
  title: string;
  status: string;
  objectName: { ky: string; ru: string };
  entries: TimelineEntry[];
}

export interface GroupTimelines {
  formation: TimelineEntry[];
  /** Acts not closed, and acts closed with their last event within `closedWithinDays` (newest activity first). */
  acts: ActTimeline[];
  /** Closed acts left out because their last event is older (the acts list has them all). */
  olderClosedActs: number;
}

/** A closed act stays on the dashboard's timeline this long after its last event (the chair follows what moves). */
export const CLOSED_ACTS_SHOWN_DAYS = 90;

/**
 * Payload keys no timeline entry reads: the act's 8.1 content, a person's data, texts. Left in the database, so the
 * dashboard does not carry megabytes of history it never shows (bench/pages.ts: 4.7 MB → 2.1 MB at 1,000 acts).
 */
const UNREAD_PAYLOAD_KEYS = ['content', 'person', 'body', 'text'];

/** Kinds merged when they follow each other on the same day. */
const MERGED: ReadonlySet<TimelineKind> = new Set(['candidate.nominated', 'candidate.appointed', 'member.added']);

const STATUS_KIND: Readonly<Record<ObligationStatus, TimelineKind>> = {
  open: 'obligation.reopened',
  met: 'obligation.met',
  escalated: 'obligation.escalated',
  closed: 'obligation.closed',
  cancelled: 'obligation.cancelled',
};

type ObligationInfo = Map<string, { key: string; clause: string }>;

/** The timeline entry of a stored event, or null for events the timeline does not show (edits of a draft, annexes). */
export function timelineEntry(event: StoredEvent, obligations: ObligationInfo): TimelineEntry | null {
  const at = event.occurredAt.toISOString();
  const base = (kind: TimelineKind, date: IsoDate = bishkekDateOf(event.occurredAt.getTime())): TimelineEntry => ({
    position: event.position,
    at,
    date,
    kind,
    count: 1,
  });
  const obligation = (id: string) => {
    const o = obligations.get(id);
    return { id, key: o?.key ?? '', clause: o?.clause ?? '' };
  };
  switch (event.type) {
    case 'group.opened':
      return base('group.opened');
    case 'group.created':
      return { ...base('group.created', event.payload.createdOn), detail: event.payload.resolutionNumber };
    case 'group.status-changed':
      return { ...base('group.status-changed'), detail: event.payload.status, reason: event.payload.reason };
    case 'notice.published':
      return {
        ...base('notice.published', bishkekDateOf(Date.parse(event.payload.publishedAt))),
        detail: event.payload.kind,
      };
    case 'gathering.protocol-recorded':
      return { ...base('gathering.protocol-recorded', event.payload.heldOn), detail: event.payload.protocolRef };
    case 'candidate.nominated':
      return { ...base('candidate.nominated', event.payload.nominatedOn), detail: event.payload.category };
    case 'candidate.withdrawn':
      return base('candidate.withdrawn');
    case 'candidate.appointed':
      return base('candidate.appointed');
    case 'member.added':
      return { ...base('member.added', event.payload.joinedOn ?? undefined), detail: event.payload.category };
    case 'member.removed':
      return base('member.removed', event.payload.leftOn);
    case 'member.role-changed':
      return { ...base('member.role-changed'), detail: event.payload.role };
    case 'meeting.scheduled':
      return {
        ...base('meeting.scheduled'),
        detail: event.payload.kind,
        meetingDate: event.payload.date,
        meetingTime: event.payload.time,
      };
    case 'meeting.held':
      return base('meeting.held', event.payload.heldOn);
    case 'meeting.cancelled':
      return base('meeting.cancelled');
    case 'act.drafted':
      return base('act.drafted');
    case 'act.issued':
      return { ...base('act.issued', event.payload.issuedOn), actNumber: event.payload.number };
    case 'act.received':
      return { ...base('act.received', event.payload.receivedOn), receivedVia: event.payload.via };
    case 'response.recorded': {
      const p = event.payload;
      const entry: TimelineEntry = {
        ...base('response.recorded', bishkekDateOf(Date.parse(p.submittedAt))),
        detail: p.kind,
        late: p.late,
      };
      return p.obligationId !== null ? { ...entry, obligation: obligation(p.obligationId) } : entry;
    }
    case 'act.closed':
      return { ...base('act.closed'), reason: event.payload.reason };
    case 'obligation.opened': {
      const p = event.payload;
      return {
        ...base('obligation.opened', p.anchorDate),
        obligation: { id: p.obligationId, key: p.key, clause: p.clause },
        dueDate: p.dueDate,
      };
    }
    case 'obligation.due-date-changed':
      return {
        ...base('obligation.due-date-changed'),
        obligation: obligation(event.payload.obligationId),
        dueDate: event.payload.dueDate,
      };
    case 'obligation.reminder-sent':
      return {
        ...base('obligation.reminder-sent'),
        obligation: obligation(event.payload.obligationId),
        rung: event.payload.rung,
      };
    case 'obligation.status-changed': {
      return { ...base(STATUS_KIND[event.payload.status]), obligation: obligation(event.payload.obligationId) };
    }
    default:
      return null;
  }
}

/** Merges runs of the same mergeable kind on the same day into one entry with a count. */
function merge(entries: TimelineEntry[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const e of entries) {
    const last = out.at(-1);
    if (last && MERGED.has(e.kind) && last.kind === e.kind && last.date === e.date) {
      last.count += e.count;
      if (last.detail !== e.detail) delete last.detail;
      continue;
    }
    out.push({ ...e });
  }
  return out;
}

/** The formation's timeline and one per act of the group (acts with the latest activity first), from the event log only. */
/** `today` (Asia/Bishkek) decides which closed acts are recent enough to show (CLOSED_ACTS_SHOWN_DAYS by default). */
export async function groupTimelines(
  db: Kysely<Database>,
  groupId: string,
  options: { today: IsoDate; closedWithinDays?: number },
): Promise<GroupTimelines> {
  const acts = await db
    .selectFrom('acts as a')
    .innerJoin('monitored_objects as m', 'm.id', 'a.object_id')
    .select(['a.id', 'a.number', 'a.title', 'a.status', 'm.name as name_ky', 'm.name_ru'])
    .where('a.group_id', '=', groupId)
    .execute();
  const obligationRows = await db
    .selectFrom('obligations')
    .select(['id', 'key', 'clause'])
    .where('group_id', '=', groupId)
    .execute();
  const obligations: ObligationInfo = new Map(obligationRows.map((o) => [o.id, { key: o.key, clause: o.clause }]));
  const groupStream = streams.group(groupId);
  // Closed acts whose last event is older than the cutoff are counted, not read: the timeline follows what moves.
  const cutoff = addDays(options.today, -(options.closedWithinDays ?? CLOSED_ACTS_SHOWN_DAYS));
  const closedStreams = acts.filter((a) => a.status === 'closed').map((a) => streams.act(a.id));
  const lastEvents =
    closedStreams.length === 0
      ? []
      : await db
          .selectFrom('events')
          .distinctOn('stream_id')
          .select(['stream_id', 'occurred_at'])
          .where('stream_id', 'in', closedStreams)
          .orderBy('stream_id')
          .orderBy('stream_version', 'desc')
          .execute();
  // The day of each closed act's last event (by its place in the stream, as the timeline orders them).
  const oldClosed = new Set(
    lastEvents.filter((r) => bishkekDateOf(new Date(r.occurred_at).getTime()) < cutoff).map((r) => r.stream_id),
  );
  const shownActs = acts.filter((a) => !oldClosed.has(streams.act(a.id)));
  const actStreams = new Map(shownActs.map((a) => [streams.act(a.id), a.id]));
  const rows = await db
    .selectFrom('events')
    .select([
      'type',
      'position',
      'stream_id',
      'stream_version',
      'actor',
      'occurred_at',
      'recorded_at',
      'idempotency_key',
    ])
    .select(sql<Record<string, unknown>>`payload - ${sql.val(UNREAD_PAYLOAD_KEYS)}::text[]`.as('payload'))
    .where('stream_id', 'in', [groupStream, ...actStreams.keys()])
    .orderBy('position')
    .execute();
  const byStream = new Map<string, TimelineEntry[]>();
  for (const row of rows) {
    const entry = timelineEntry(toStoredEvent(row), obligations);
    if (!entry) continue;
    const list = byStream.get(row.stream_id) ?? [];
    list.push(entry);
    byStream.set(row.stream_id, list);
  }
  const actTimelines: ActTimeline[] = shownActs.map((a) => ({
    actId: a.id,
    number: a.number,
    title: a.title,
    status: a.status,
    objectName: { ky: a.name_ky, ru: a.name_ru ?? a.name_ky },
    entries: merge(byStream.get(streams.act(a.id)) ?? []),
  }));
  const lastPosition = (t: ActTimeline) => t.entries.at(-1)?.position ?? 0;
  actTimelines.sort((x, y) => lastPosition(y) - lastPosition(x) || x.actId.localeCompare(y.actId));
  return { formation: merge(byStream.get(groupStream) ?? []), acts: actTimelines, olderClosedActs: oldClosed.size };
}
