// What the chair's dashboard shows (issue 6), built from Postgres only (no workflow is asked): the pending list with
// overdue items first (db/pending.ts), the open and overdue obligations by object (the chart), the timelines of the
// formation and of each act (db/timeline.ts, from the event log), the meetings to come and the members; and, for the
// chair and staff, the calendar feed's subscription link. Used by GET /api/groups/:groupId/dashboard and the page.
//
// Personal data: the members' phones and e-mails are shown to the group's chair and the council's staff, who call
// members to meetings; members and deputies see names, category, role and village, as on the public composition page.
import type { Kysely } from 'kysely';
import type { SessionAccount } from '../../db/accounts';
import { findCouncilById } from '../../db/councils';
import type { Database } from '../../db/database';
import type { GroupStatus } from '../../db/events';
import { currentFeedToken } from '../../db/feed-tokens';
import { scheduledMeetings, type ScheduledMeeting } from '../../db/group-calendar';
import type { Group } from '../../db/groups';
import { listRosterEntries } from '../../db/members';
import { calendarForCouncil, pendingObligations, type PendingObligation } from '../../db/pending';
import { groupTimelines, type GroupTimelines } from '../../db/timeline';
import type { CalendarName } from '../../domain/calendar';
import { compareDates, type IsoDate } from '../../domain/dates';
import type { MemberCategory, MemberRole } from '../../db/events';
import { dueOnCalendar } from '../../procedures/calendar/tell-procedures';
import { dashboardTerm, type DashboardTerm } from './term';

export type DashboardFilter = 'overdue' | 'due-this-week';

export interface DashboardQuery {
  filter?: DashboardFilter | undefined;
  /** Only the obligations about this monitored object's acts. */
  objectId?: string | undefined;
}

export interface DashboardObligation extends PendingObligation {
  /** Where to act on it: the act's page (/manage/acts/:actId for chair and staff, the public act page otherwise) or the formation's page; null when none applies. */
  link: string | null;
  /** For an open obligation, the due date on the current calendar when it differs from the recorded one (the procedure has not recomputed yet). */
  dueOnCurrentCalendar: IsoDate | null;
}

export interface ChartRow {
  /** null: the group's own procedure (the formation's obligations, which concern no object). */
  objectId: string | null;
  name: CalendarName | null;
  overdue: number;
  /** Open and not overdue. */
  open: number;
}

export interface DashboardMember {
  membershipId: string;
  fullName: string;
  category: MemberCategory;
  role: MemberRole;
  village: string | null;
  /** Only for the chair and staff; null for the others (and when not recorded). */
  phone: string | null;
  email: string | null;
  /** Phone and e-mail erased at the person's request (shown "erased"); false for those who do not see contacts. */
  dataErased: boolean;
}

export interface FeedLink {
  createdAt: string;
  /** The https/http subscription URL with the token; null when the link cannot be shown again (the server secret changed: regenerate). */
  url: string | null;
  /** The same as webcal:// (calendar apps subscribe to it). */
  webcalUrl: string | null;
}

export interface DashboardData {
  groupId: string;
  councilId: string;
  councilName: CalendarName | null;
  groupStatus: GroupStatus;
  today: IsoDate;
  viewer: { role: SessionAccount['role']; canManage: boolean; seesContacts: boolean };
  filter: { filter: DashboardFilter | null; objectId: string | null };
  /** The pending list after the filter: overdue first (longest overdue first), then open by due date, then recently closed. */
  obligations: DashboardObligation[];
  /** Counts over the whole list, whatever the filter. */
  counts: { open: number; overdue: number; dueThisWeek: number };
  /** Open obligations by object (the whole list, whatever the filter): most overdue first. */
  chart: ChartRow[];
  /** The objects the list mentions (for the filter). */
  objects: { id: string; name: CalendarName }[];
  timeline: GroupTimelines;
  /** Scheduled meetings from today on. */
  meetings: ScheduledMeeting[];
  members: DashboardMember[];
  /** The feed's subscription link for the chair and staff (null: none made yet, or not theirs to see). */
  feed: FeedLink | null;
  /** The term (5.3.1), the next meeting, the quarter's cadence (7.2.2), attendance per member; null before creation. */
  term: DashboardTerm | null;
}

export const manageActPath = (actId: string) => `/manage/acts/${encodeURIComponent(actId)}`;
export const formationPath = (groupId: string) => `/manage/groups/${encodeURIComponent(groupId)}/formation`;
export const dashboardPath = (groupId: string) => `/manage/groups/${encodeURIComponent(groupId)}/dashboard`;
export const icsPath = (groupId: string) => `/api/groups/${encodeURIComponent(groupId)}/calendar.ics`;

/** The subscription URLs of a feed token: http(s) and webcal. */
export function feedUrls(origin: string, groupId: string, token: string): { url: string; webcalUrl: string } {
  const url = `${origin}${icsPath(groupId)}?token=${encodeURIComponent(token)}`;
  return { url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
}

export function chartRows(items: readonly PendingObligation[]): ChartRow[] {
  const rows = new Map<string, ChartRow>();
  for (const o of items) {
    if (!o.open) continue;
    const key = o.object?.id ?? '';
    const row = rows.get(key) ?? { objectId: o.object?.id ?? null, name: o.object?.name ?? null, overdue: 0, open: 0 };
    if (o.overdue) row.overdue++;
    else row.open++;
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) =>
      b.overdue - a.overdue ||
      b.overdue + b.open - (a.overdue + a.open) ||
      (a.name?.ky ?? '').localeCompare(b.name?.ky ?? ''),
  );
}

export interface DashboardInput {
  group: Group;
  account: SessionAccount;
  today: IsoDate;
  query: DashboardQuery;
  /** The request's origin (for the feed's absolute URL). */
  origin: string;
  /** The server secret the feed tokens derive from (only read for the chair and staff). */
  feedSecret: () => string;
}

export async function dashboardData(db: Kysely<Database>, input: DashboardInput): Promise<DashboardData> {
  const { group, account, today, query } = input;
  const canManage = account.role === 'chair' || account.role === 'staff';
  const calendar = await calendarForCouncil(db, group.council_id);
  const [all, timeline, meetings, roster, council] = await Promise.all([
    pendingObligations(db, { groupId: group.id, today, calendar }),
    groupTimelines(db, group.id, { today }),
    scheduledMeetings(db, group.id),
    listRosterEntries(db, group.id),
    findCouncilById(db, group.council_id),
  ]);
  const term = await dashboardTerm(db, group, today);
  const items = all.filter(
    (o) =>
      (query.filter === undefined || (query.filter === 'overdue' ? o.overdue : o.dueThisWeek)) &&
      (query.objectId === undefined || o.object?.id === query.objectId),
  );
  const obligations = items.map((o): DashboardObligation => {
    const link = o.act
      ? canManage
        ? manageActPath(o.act.id)
        : o.act.path
      : canManage
        ? formationPath(group.id)
        : null;
    let moved: IsoDate | null = null;
    if (o.open) {
      const due = dueOnCalendar(o.key, o.anchorDate, calendar);
      if (due !== null && due !== o.dueDate) moved = due;
    }
    return { ...o, link, dueOnCurrentCalendar: moved };
  });
  const objects = new Map<string, CalendarName>();
  for (const o of all) if (o.object) objects.set(o.object.id, o.object.name);

  let feed: FeedLink | null = null;
  if (canManage) {
    const current = await currentFeedToken(db, input.feedSecret(), group.id);
    if (current) {
      const urls =
        current.token !== null ? feedUrls(input.origin, group.id, current.token) : { url: null, webcalUrl: null };
      feed = { createdAt: current.createdAt.toISOString(), ...urls };
    }
  }
  const chair = roster.filter((m) => m.role === 'chair');
  const others = roster.filter((m) => m.role !== 'chair');
  return {
    groupId: group.id,
    councilId: group.council_id,
    councilName: council ? { ky: council.name_ky, ru: council.name_ru } : null,
    groupStatus: group.status,
    today,
    viewer: { role: account.role, canManage, seesContacts: canManage },
    filter: { filter: query.filter ?? null, objectId: query.objectId ?? null },
    obligations,
    counts: {
      open: all.filter((o) => o.open).length,
      overdue: all.filter((o) => o.overdue).length,
      dueThisWeek: all.filter((o) => o.dueThisWeek).length,
    },
    chart: chartRows(all),
    objects: [...objects].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.ky.localeCompare(b.name.ky)),
    timeline,
    meetings: meetings.filter((m) => compareDates(m.date, today) >= 0),
    members: [...chair, ...others].map((m) => ({
      membershipId: m.membershipId,
      fullName: m.member.fullName,
      category: m.member.category,
      role: m.role,
      village: m.member.village,
      phone: canManage ? m.member.phone : null,
      email: canManage ? m.member.email : null,
      dataErased: canManage && m.dataErased,
    })),
    feed,
    term,
  };
}
