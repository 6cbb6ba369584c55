// GET /groups/:groupId/meetings/:meetingId/minutes: a held meeting's public minutes (7.2.3, 7.2.5): date, place,
// agenda, the quorum with its arithmetic, who was present by name and role only (no phone, e-mail, birth date,
// category or village), the minutes' text and each decision with its votes (not taken without quorum), what it was
// about and who stood aside from it (6.4, names only: never a declaration's text or reason). Read from
// Postgres (the term procedure's projection), never from the engine. A meeting without minutes yet is a 404.
import type { Lang } from '../../domain/i18n';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { decisionsStandingAside } from '../../db/decision-subjects';
import { findGroupById } from '../../db/groups';
import { quorum } from '../../domain/meeting';
import { dmy } from '../../domain/messages';
import type { App, AppDeps } from '../app-types';
import { meetingKindText } from '../dashboard/text';
import { html } from '../ui/html';
import { layout, scrollBox } from '../ui/layout';
import { msg } from '../ui/messages';
import { pageRequest, sendNotFound, sendPage } from '../ui/respond';
import { groupSite } from './site-context';

export interface PublicMinutes {
  meetingId: string;
  kind: string;
  heldOn: string;
  time: string | null;
  place: string | null;
  agenda: string | null;
  minutesDate: string;
  minutesText: string;
  total: number | null;
  present: { fullName: string; role: 'chair' | 'member' }[];
  decisions: {
    text: string;
    for: number;
    against: number;
    abstained: number;
    taken: boolean;
    because: string;
    /** 6.4: what it was about and who stood aside (names only). */
    subject: string | null;
    stoodAside: string[];
  }[];
}

/** The minutes as the public may see them: names and roles of those present, nothing personal. */
export async function publicMinutes(
  db: Kysely<Database>,
  groupId: string,
  meetingId: string,
  lang: Lang = 'ky',
): Promise<PublicMinutes | null> {
  const m = await db
    .selectFrom('meetings')
    .select(['id', 'kind', 'held_on', 'starts_at', 'place', 'agenda', 'minutes_date', 'minutes_text', 'members_total'])
    .where('id', '=', meetingId)
    .where('group_id', '=', groupId)
    .where('status', '=', 'held')
    .executeTakeFirst();
  if (!m || m.held_on === null || m.minutes_date === null || m.minutes_text === null) return null;
  const present = await db
    .selectFrom('meeting_attendance as a')
    .innerJoin('memberships as ms', 'ms.id', 'a.membership_id')
    .innerJoin('persons as p', 'p.id', 'ms.person_id')
    .select(['p.full_name', 'ms.role'])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('ms.role', 'asc')
    .orderBy('p.full_name')
    .execute();
  const decisions = await db
    .selectFrom('meeting_decisions')
    .select(['id', 'text', 'votes_for', 'votes_against', 'votes_abstained', 'taken', 'because'])
    .where('meeting_id', '=', meetingId)
    .orderBy('id')
    .execute();
  const asides = await decisionsStandingAside(db, groupId, meetingId, lang);
  return {
    meetingId: m.id,
    kind: m.kind,
    heldOn: m.held_on,
    time: m.starts_at,
    place: m.place,
    agenda: m.agenda,
    minutesDate: m.minutes_date,
    minutesText: m.minutes_text,
    total: m.members_total,
    // 'chair' sorts before 'member'.
    present: present.map((r) => ({ fullName: r.full_name, role: r.role })),
    decisions: decisions.map((d) => ({
      text: d.text,
      for: d.votes_for,
      against: d.votes_against,
      abstained: d.votes_abstained,
      taken: d.taken,
      because: d.because,
      subject: asides.get(d.id)?.subject ?? null,
      stoodAside: asides.get(d.id)?.stoodAside ?? [],
    })),
  };
}

export function publicMinutesPages(app: App, deps: AppDeps): void {
  app.get(
    '/groups/:groupId/meetings/:meetingId/minutes',
    { schema: { hide: true }, config: { access: ['public'], page: true } },
    async (request, reply) => {
      const { groupId, meetingId } = request.params as { groupId: string; meetingId: string };
      const path = `/groups/${encodeURIComponent(groupId)}/meetings/${encodeURIComponent(meetingId)}/minutes`;
      const page = pageRequest(request, path);
      const lang = page.lang;
      const group = await findGroupById(deps.db, groupId);
      const minutes = group ? await publicMinutes(deps.db, groupId, meetingId, page.lang) : null;
      if (!group || !minutes) return sendNotFound(reply, page);
      const q =
        minutes.total && minutes.total > 0
          ? quorum(minutes.total, Math.min(minutes.present.length, minutes.total))
          : null;
      const body = html`<p><strong>${meetingKindText(lang, minutes.kind)}</strong>: ${dmy(minutes.heldOn)}${minutes.time ? `, ${minutes.time}` : ''}${minutes.place ? `, ${minutes.place}` : ''}</p>
${minutes.agenda ? html`<p>${msg(lang, 'meetings.agendaLabel', { agenda: minutes.agenda })}</p>` : ''}
${q ? html`<p>${q.text[lang]}</p>` : ''}
${q && !q.met ? html`<p class="error">${msg(lang, 'meetings.noQuorumNote')}</p>` : ''}
<p class="muted">${msg(lang, 'minutes.intro')}</p>
${scrollBox(
  msg(lang, 'minutes.title'),
  html`<table><thead><tr><th scope="col">${msg(lang, 'minutes.col.name')}</th><th scope="col">${msg(lang, 'minutes.col.role')}</th></tr></thead>
<tbody>${minutes.present.map((p) => html`<tr><td>${p.fullName}</td><td>${msg(lang, `minutes.role.${p.role}`)}</td></tr>`)}</tbody></table>`,
)}
<h2>${msg(lang, 'meetings.minutesOf', { date: dmy(minutes.minutesDate) })}</h2>
<p>${minutes.minutesText}</p>
<h2>${msg(lang, 'meetings.decisions')}</h2>
${
  minutes.decisions.length === 0
    ? html`<p>${msg(lang, 'meetings.noDecisions')}</p>`
    : html`<ol>${minutes.decisions.map(
        (d) =>
          html`<li><p>${d.text}</p>${d.subject ? html`<p>${msg(lang, 'decision.subject', { subject: d.subject })}</p>` : ''}<p class="muted">${msg(lang, 'meetings.votes', { for: String(d.for), against: String(d.against), abstained: String(d.abstained) })}: <strong>${d.taken ? msg(lang, 'meetings.taken') : msg(lang, `meetings.notTaken.${d.because === 'no-quorum' ? 'no-quorum' : 'no-majority'}`)}</strong></p>${d.stoodAside.length > 0 ? html`<p>${msg(lang, 'decision.stoodAside', { names: d.stoodAside.join(', ') })}</p>` : ''}</li>`,
      )}</ol>`
}`;
      return sendPage(
        reply,
        page,
        200,
        layout(page, msg(lang, 'minutes.title'), body, { site: await groupSite(deps.db, lang, group) }),
      );
    },
  );
}
