// The dashboard's term section (5.3.1, 7.2.2, 7.2.3), from Postgres only: the term's start, end and days left; the next
// meeting; the current quarter's meetings and its cadence state under the council's reading of 7.2.2 (a warning, and
// the day the chair is mailed it: three working days before the quarter ends); and each current member's attendance
// at the meetings held in the term.
import type { Kysely } from 'kysely';
import { councilCadenceReading } from '../../db/councils';
import type { Database } from '../../db/database';
import type { Group } from '../../db/groups';
import { calendarForCouncil } from '../../db/pending';
import { compareDates, daysBetween, type IsoDate } from '../../domain/dates';
import type { Lang } from '../../domain/i18n';
import { CADENCE_READINGS, quarterOf, type CadenceReading } from '../../domain/meeting';
import { dmy } from '../../domain/messages';
import { cadenceStateOf, cadenceWarningDate, type CadenceState } from '../../domain/term';
import { html, type Html } from '../ui/html';
import { msg } from '../ui/messages';
import { meetingKindText } from './text';

export interface DashboardTerm {
  start: IsoDate;
  end: IsoDate;
  /** Days from today to the end day (0 on it; never negative). */
  daysLeft: number;
  ended: boolean;
  next: { meetingId: string; kind: string; date: IsoDate; time: string | null; place: string | null } | null;
  quarter: {
    year: number;
    quarter: number;
    start: IsoDate;
    end: IsoDate;
    meetings: number;
    reading: CadenceReading;
    state: CadenceState;
    warningOn: IsoDate;
  };
  /** Meetings held in the term, and each current member's count of them attended. */
  held: number;
  attendance: { membershipId: string; fullName: string; role: string; attended: number }[];
}

export async function dashboardTerm(db: Kysely<Database>, group: Group, today: IsoDate): Promise<DashboardTerm | null> {
  const term = await db
    .selectFrom('group_terms')
    .select(['term_start', 'term_end', 'status'])
    .where('group_id', '=', group.id)
    .executeTakeFirst();
  const start = term?.term_start ?? group.created_on;
  const end = term?.term_end ?? group.term_end;
  if (!start || !end) return null;
  const meetings = await db
    .selectFrom('meetings')
    .select(['id', 'kind', 'scheduled_on', 'held_on', 'starts_at', 'place', 'status'])
    .where('group_id', '=', group.id)
    .orderBy('scheduled_on')
    .orderBy('starts_at')
    .execute();
  const q = quarterOf(today);
  const inQuarter = meetings.filter((m) => {
    const day = m.held_on ?? m.scheduled_on;
    // The community's annual gathering (7.2.4) is not one of the group's meetings that 7.2.2 counts.
    return (
      m.status !== 'cancelled' &&
      m.kind !== 'annual-gathering' &&
      compareDates(day, q.start) >= 0 &&
      compareDates(day, q.end) <= 0
    );
  }).length;
  const reading = await councilCadenceReading(db, group.council_id);
  const calendar = await calendarForCouncil(db, group.council_id);
  const next = meetings.find((m) => m.status === 'scheduled' && compareDates(m.scheduled_on, today) >= 0);
  const heldIds = meetings
    .filter((m) => m.status === 'held' && m.held_on !== null && compareDates(m.held_on, start) >= 0)
    .map((m) => m.id);
  const members = await db
    .selectFrom('memberships as ms')
    .innerJoin('persons as p', 'p.id', 'ms.person_id')
    .select(['ms.id', 'ms.role', 'p.full_name'])
    .where('ms.group_id', '=', group.id)
    .where('ms.left_on', 'is', null)
    .orderBy('ms.role', 'asc')
    .orderBy('p.full_name')
    .execute();
  const attended =
    heldIds.length === 0
      ? []
      : await db
          .selectFrom('meeting_attendance')
          .select(['membership_id'])
          .where('meeting_id', 'in', heldIds)
          .execute();
  const counts = new Map<string, number>();
  for (const a of attended) counts.set(a.membership_id, (counts.get(a.membership_id) ?? 0) + 1);
  const ended = term?.status === 'term-ended' || compareDates(today, end) >= 0;
  return {
    start,
    end,
    daysLeft: Math.max(0, daysBetween(today, end)),
    ended,
    next: next
      ? { meetingId: next.id, kind: next.kind, date: next.scheduled_on, time: next.starts_at, place: next.place }
      : null,
    quarter: {
      year: q.year,
      quarter: q.quarter,
      start: q.start,
      end: q.end,
      meetings: inQuarter,
      reading,
      state: cadenceStateOf(reading, inQuarter),
      warningOn: cadenceWarningDate(calendar, q),
    },
    held: heldIds.length,
    attendance: members.map((m) => ({
      membershipId: m.id,
      fullName: m.full_name,
      role: m.role,
      attended: counts.get(m.id) ?? 0,
    })),
  };
}

/** The section: term, next meeting, the quarter's cadence (a warning in its own box), attendance per member. */
export function termSection(lang: Lang, groupId: string, t: DashboardTerm | null): Html {
  const link = html`<p><a href="/manage/groups/${encodeURIComponent(groupId)}/meetings?lang=${lang}">${msg(lang, 'meetings.link')}</a></p>`;
  if (!t)
    return html`<section id="term" aria-labelledby="term-title"><h2 id="term-title">${msg(lang, 'term.title')}</h2><p>${msg(lang, 'term.none')}</p>${link}</section>`;
  const q = t.quarter;
  const cadence = msg(lang, `term.cadence.${q.state}`, { end: dmy(q.end), warn: dmy(q.warningOn) });
  return html`<section id="term" aria-labelledby="term-title"><h2 id="term-title">${msg(lang, 'term.title')}</h2>
<p><strong>${t.ended ? msg(lang, 'term.ended', { start: dmy(t.start), end: dmy(t.end) }) : msg(lang, 'term.dates', { start: dmy(t.start), end: dmy(t.end), days: t.daysLeft })}</strong></p>
<p>${t.next ? msg(lang, 'term.next', { when: `${meetingKindText(lang, t.next.kind)}, ${dmy(t.next.date)}${t.next.time ? ` ${t.next.time}` : ''}${t.next.place ? `, ${t.next.place}` : ''}` }) : msg(lang, 'term.noNext')}</p>
<p>${msg(lang, 'term.quarter', { year: String(q.year), quarter: String(q.quarter), start: dmy(q.start), end: dmy(q.end), n: q.meetings, reading: CADENCE_READINGS[q.reading][lang] })}</p>
${q.state === 'ok' ? html`<p class="ok">${cadence}</p>` : html`<div class="notice" role="status"><p>${cadence}</p></div>`}
${link}
${
  t.attendance.length === 0
    ? ''
    : html`<h3>${msg(lang, 'term.attendance')}</h3>
<ul>${t.attendance.map((a) => html`<li>${a.fullName}: ${msg(lang, 'term.attended', { n: String(a.attended), of: String(t.held) })}</li>`)}</ul>`
}
</section>`;
}
