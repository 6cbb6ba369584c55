// /manage/groups/:groupId/dashboard: the chair's dashboard (issue 6). The group's chair, members, the council's staff
// and deputies read it; the chair and staff also get the action links (the act and formation pages) and the calendar
// feed's subscription link, which they can regenerate (POST /manage/groups/:groupId/feed-token). Read from Postgres
// only, so it works while Temporal is unreachable.
import { termSection } from './term';
import { NEXT_FORMATION, newFormationPath } from '../formation/start-page';
import { clauseText } from '../../domain/obligation-messages';
import { Type } from 'typebox';
import { regenerateFeedToken } from '../../db/feed-tokens';
import { findGroupById } from '../../db/groups';
import type { TimelineEntry } from '../../db/timeline';
import { formatDay } from '../../domain/calendar-format';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { bishkekDateOf, type IsoDate } from '../../domain/dates';
import { loc, type Lang } from '../../domain/i18n';
import { conflictFlags } from '../conflicts/routes';
import { planFlags } from '../plans/flags';
import { considerationFlags } from '../recommendations/routes';
import { responseLinkSecret } from '../../security/server-secret';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireRole, signedIn } from '../auth/require-role';
import { msg } from '../ui/messages';
import { GroupParams, Strict } from '../schemas';
import { dashboardData, dashboardPath, icsPath, type DashboardData, type DashboardObligation } from './data';
import { obligationsChart } from './chart';
import { daysLeftText, groupStatusText, meetingKindText, nameIn, rungText, timelineText } from './text';
import { html, type Html } from '../ui/html';
import { csrfField, layout, scrollBox, type PageRequest } from '../ui/layout';
import { origin, pageRequest, sendPage } from '../ui/respond';

const READERS = ['chair', 'member', 'staff', 'deputy'] as const;
const MANAGERS = ['chair', 'staff'] as const;

const PageQuery = Strict({
  filter: Type.Optional(Type.Enum(['', 'overdue', 'due-this-week'])),
  object: Type.Optional(Type.String({ maxLength: 200 })),
  done: Type.Optional(Type.Enum(['feed-token'])),
  lang: Type.Optional(Type.String({ maxLength: 10 })),
});

const withLang = (path: string, lang: Lang) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

/** The obligation's state in words, with a class that colours it (the colour only repeats the words). */
function stateOf(lang: Lang, o: DashboardObligation): Html {
  if (o.overdue) return html`<span class="overdue">${msg(lang, 'obligation.state.overdue')}</span>`;
  if (o.dueThisWeek) return html`<strong class="status status-soon">${msg(lang, 'dashboard.state.week')}</strong>`;
  if (o.open) return html`<span class="status status-open">${msg(lang, 'obligation.state.open')}</span>`;
  if (o.status === 'met') return html`<span class="status status-done">${msg(lang, 'obligation.state.met')}</span>`;
  return html`<span class="status status-closed">${msg(lang, o.status === 'cancelled' ? 'obligation.state.cancelled' : 'obligation.state.closed')}</span>`;
}

function partyText(lang: Lang, o: DashboardObligation): string {
  const role = o.party.role?.[lang] ?? o.party.id;
  return o.party.name ? `${role}: ${nameIn(lang, o.party.name)}` : role;
}

function obligationRow(lang: Lang, o: DashboardObligation): Html {
  const last = o.reminders.at(-1);
  const reminders =
    o.reminders.length === 0
      ? msg(lang, 'dashboard.reminders.none')
      : msg(lang, 'dashboard.reminders.sent', { n: String(o.reminders.length), last: rungText(lang, last!.rung) });
  const linkText = o.act
    ? o.act.number
      ? msg(lang, 'dashboard.link.act', { number: o.act.number })
      : msg(lang, 'dashboard.link.actDraft')
    : msg(lang, 'dashboard.link.formation');
  return html`<tr${o.overdue ? html` class="overdue-row"` : ''}>
<td>${stateOf(lang, o)}</td>
<td>${o.title[lang]} <span class="muted">(${clauseText(lang, o.clause, 'short')})</span>${o.link ? html`<br><a href="${withLang(o.link, lang)}">${linkText}</a>` : ''}</td>
<td>${partyText(lang, o)}</td>
<td><time datetime="${o.dueDate}">${formatDay(lang, o.dueDate)}</time>${o.dueOnCurrentCalendar ? html`<br><span class="muted">${msg(lang, 'dashboard.movedTo', { date: formatDay(lang, o.dueOnCurrentCalendar) })}</span>` : ''}${o.dueOnNonWorkingDay && !o.dueOnCurrentCalendar ? html`<br><span class="muted">${msg(lang, 'obligation.nonWorkingDue')}</span>` : ''}</td>
<td>${o.daysLeft ? daysLeftText(lang, o.daysLeft) : o.closedAt ? msg(lang, 'dashboard.closedOn', { date: formatDay(lang, bishkekDateOf(Date.parse(o.closedAt))) }) : ''}</td>
<td>${reminders}${o.escalation ? html`<br><span class="overdue">${msg(lang, 'obligation.escalated', { date: formatDay(lang, bishkekDateOf(Date.parse(o.escalation.sentAt))) })}</span>` : ''}</td>
</tr>`;
}

function filterForm(page: PageRequest, d: DashboardData): Html {
  const lang = page.lang;
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
  return html`<form method="get" action="${page.path}" class="noprint">
<input type="hidden" name="lang" value="${lang}">
<label for="filter">${msg(lang, 'dashboard.filter.show')}</label>
<select id="filter" name="filter">
${option('', msg(lang, 'dashboard.filter.all'), d.filter.filter === null)}
${option('overdue', msg(lang, 'dashboard.filter.overdue'), d.filter.filter === 'overdue')}
${option('due-this-week', msg(lang, 'dashboard.filter.week'), d.filter.filter === 'due-this-week')}
</select>
<label for="object">${msg(lang, 'dashboard.filter.object')}</label>
<select id="object" name="object">
${option('', msg(lang, 'dashboard.filter.allObjects'), d.filter.objectId === null)}
${d.objects.map((o) => option(o.id, nameIn(lang, o.name), d.filter.objectId === o.id))}
</select>
<button type="submit">${msg(lang, 'dashboard.filter.submit')}</button>
</form>`;
}

function obligationsSection(page: PageRequest, d: DashboardData): Html {
  const lang = page.lang;
  return html`<section id="obligations" aria-labelledby="obligations-title">
<h2 id="obligations-title">${msg(lang, 'dashboard.obligations')}</h2>
<p>${msg(lang, 'dashboard.counts', { open: String(d.counts.open), overdue: String(d.counts.overdue), week: String(d.counts.dueThisWeek) })}</p>
${filterForm(page, d)}
${
  d.obligations.length === 0
    ? html`<p>${msg(lang, 'dashboard.obligations.empty')}</p>`
    : scrollBox(
        msg(lang, 'dashboard.obligations.table'),
        html`<table class="obligations">
<thead><tr><th scope="col">${msg(lang, 'dashboard.col.state')}</th><th scope="col">${msg(lang, 'dashboard.col.what')}</th><th scope="col">${msg(lang, 'dashboard.col.party')}</th><th scope="col">${msg(lang, 'dashboard.col.due')}</th><th scope="col">${msg(lang, 'dashboard.col.left')}</th><th scope="col">${msg(lang, 'dashboard.col.reminders')}</th></tr></thead>
<tbody>
${d.obligations.map((o) => obligationRow(lang, o))}
</tbody></table>`,
      )
}
</section>`;
}

function timelineList(lang: Lang, entries: readonly TimelineEntry[]): Html {
  if (entries.length === 0) return html`<p>${msg(lang, 'dashboard.timeline.empty')}</p>`;
  return html`<ol class="timeline">${entries.map((e) => html`<li><time datetime="${e.date}">${formatDay(lang, e.date)}</time>: ${timelineText(lang, e)}</li>`)}</ol>`;
}

function timelineSection(lang: Lang, d: DashboardData): Html {
  return html`<section id="timeline" aria-labelledby="timeline-title">
<h2 id="timeline-title">${msg(lang, 'dashboard.timeline.title')}</h2>
<h3>${msg(lang, 'dashboard.timeline.formation')}</h3>
${timelineList(lang, d.timeline.formation)}
<h3>${msg(lang, 'dashboard.timeline.acts')}</h3>
${
  d.timeline.acts.length === 0
    ? html`<p>${msg(lang, 'dashboard.timeline.noActs')}</p>`
    : d.timeline.acts.map(
        (
          a,
        ) => html`<details${a.status !== 'closed' ? html` open` : ''}><summary>${a.number ? msg(lang, 'dashboard.link.act', { number: a.number }) : msg(lang, 'dashboard.link.actDraft')}: ${a.title} (${nameIn(lang, a.objectName)})</summary>
${timelineList(lang, a.entries)}</details>`,
      )
}
${d.timeline.olderClosedActs > 0 ? html`<p class="muted"><a href="/manage/groups/${encodeURIComponent(d.groupId)}/acts?lang=${lang}">${msg(lang, 'dashboard.timeline.olderClosed', { n: String(d.timeline.olderClosedActs) })}</a></p>` : ''}
</section>`;
}

function meetingsSection(lang: Lang, d: DashboardData): Html {
  return html`<section id="meetings" aria-labelledby="meetings-title">
<h2 id="meetings-title">${msg(lang, 'dashboard.meetings.title')}</h2>
${
  d.meetings.length === 0
    ? html`<p>${msg(lang, 'dashboard.meetings.empty')}</p>`
    : html`<ul>${d.meetings.map((m) => html`<li><time datetime="${m.date}">${formatDay(lang, m.date)}</time>${m.time ? ` ${m.time}` : ''}: ${meetingKindText(lang, m.kind)}${m.place ? html`, ${m.place}` : ''}</li>`)}</ul>`
}
</section>`;
}

function membersSection(lang: Lang, d: DashboardData): Html {
  const contacts = d.viewer.seesContacts;
  return html`<section id="members" aria-labelledby="members-title">
<h2 id="members-title">${msg(lang, 'dashboard.members.title')}</h2>
${
  d.members.length === 0
    ? html`<p>${msg(lang, 'composition.empty')}</p>`
    : scrollBox(
        msg(lang, 'dashboard.members.table'),
        html`<table class="members">
<thead><tr><th scope="col">${msg(lang, 'composition.name')}</th><th scope="col">${msg(lang, 'composition.category')}</th><th scope="col">${msg(lang, 'composition.role')}</th><th scope="col">${msg(lang, 'composition.village')}</th>${contacts ? html`<th scope="col">${msg(lang, 'dashboard.members.phone')}</th><th scope="col">${msg(lang, 'dashboard.members.email')}</th>` : ''}</tr></thead>
<tbody>${d.members.map(
          (m) =>
            html`<tr><td>${m.fullName}</td><td>${msg(lang, `category.${m.category}`)}</td><td>${msg(lang, `role.${m.role}`)}</td><td>${m.village ?? ''}</td>${contacts ? (m.dataErased ? html`<td class="muted">${msg(lang, 'person.dataErased')}</td><td class="muted">${msg(lang, 'person.dataErased')}</td>` : html`<td>${m.phone ? html`<a href="tel:${m.phone}">${m.phone}</a>` : ''}</td><td>${m.email ?? ''}</td>`) : ''}</tr>`,
        )}</tbody></table>`,
      )
}
<p class="muted">${msg(lang, contacts ? 'dashboard.members.contactsShown' : 'dashboard.members.contactsHidden')}</p>
</section>`;
}

function feedSection(page: PageRequest, d: DashboardData, justMade: boolean): Html {
  const lang = page.lang;
  const action = `/manage/groups/${encodeURIComponent(d.groupId)}/feed-token?lang=${lang}`;
  if (!d.viewer.canManage) {
    return html`<section id="feed" aria-labelledby="feed-title"><h2 id="feed-title">${msg(lang, 'dashboard.feed.title')}</h2>
<p><a href="${icsPath(d.groupId)}?lang=${lang}">${msg(lang, 'dashboard.feed.download')}</a></p>
<p class="muted">${msg(lang, 'dashboard.feed.askChair')}</p></section>`;
  }
  const f = d.feed;
  return html`<section id="feed" aria-labelledby="feed-title"><h2 id="feed-title">${msg(lang, 'dashboard.feed.title')}</h2>
${justMade ? html`<p class="ok" role="status">${msg(lang, 'dashboard.feed.done')}</p>` : ''}
<p>${msg(lang, 'dashboard.feed.intro')}</p>
${
  f === null
    ? html`<p>${msg(lang, 'dashboard.feed.none')}</p>`
    : f.url === null || f.webcalUrl === null
      ? html`<p class="notice">${msg(lang, 'dashboard.feed.lost')}</p>`
      : html`<p><label for="feed-url">${msg(lang, 'dashboard.feed.link')}</label><input id="feed-url" type="text" readonly value="${f.url}"></p>
<p><a href="${f.webcalUrl}">${msg(lang, 'dashboard.feed.webcal')}</a> · <a href="${f.url}">${msg(lang, 'dashboard.feed.open')}</a></p>
<p class="muted">${msg(lang, 'dashboard.feed.created', { date: formatDay(lang, bishkekDateOf(Date.parse(f.createdAt))) })} ${msg(lang, 'dashboard.feed.secret')}</p>`
}
<form method="post" action="${action}">${csrfField(page)}<button type="submit">${msg(lang, f === null ? 'dashboard.feed.create' : 'dashboard.feed.regenerate')}</button></form>
</section>`;
}

function actionsSection(lang: Lang, d: DashboardData): Html {
  if (!d.viewer.canManage) return html``;
  const g = encodeURIComponent(d.groupId);
  return html`<nav aria-label="${msg(lang, 'dashboard.actions')}" class="noprint"><p>
<a href="/manage/groups/${g}/acts?lang=${lang}">${msg(lang, 'dashboard.action.acts')}</a> ·
<a href="/manage/groups/${g}/requests?lang=${lang}">${msg(lang, 'requests.manageTitle')}</a> ·
<a href="/manage/groups/${g}/meetings?lang=${lang}">${WORK_LINKS.meetings[lang]}</a> ·
<a href="/manage/groups/${g}/plans?lang=${lang}">${WORK_LINKS.plan[lang]}</a> ·
<a href="/manage/groups/${g}/reports?lang=${lang}">${WORK_LINKS.reports[lang]}</a> ·
<a href="/manage/groups/${g}/membership?lang=${lang}">${WORK_LINKS.membership[lang]}</a> ·
<a href="/manage/groups/${g}/conflicts?lang=${lang}">${WORK_LINKS.conflicts[lang]}</a> ·
<a href="/manage/groups/${g}/formation?lang=${lang}">${msg(lang, 'dashboard.action.formation')}</a>${
    d.viewer.role === 'staff'
      ? html` ·
<a href="/manage/councils/${encodeURIComponent(d.councilId)}/calendar?lang=${lang}">${msg(lang, 'dashboard.action.calendar')}</a>`
      : ''
  }${
    // 5.3.1: once the term has ended, staff start the next formation from here; the new group links to this one.
    d.viewer.role === 'staff' && (d.groupStatus === 'term-ended' || d.groupStatus === 'dissolved')
      ? html` ·
<a href="${newFormationPath(d.councilId)}?lang=${lang}&amp;after=${g}">${NEXT_FORMATION.start[lang]}</a>`
      : ''
  }
</p></nav>`;
}

/** The group's work pages, linked from the dashboard's actions. */
const WORK_LINKS = {
  meetings: loc('Жыйналыштар', 'Заседания', 'Meetings'),
  plan: loc('Иш планы (7.3.1)', 'План работы (7.3.1)', 'Work plan (7.3.1)'),
  reports: loc('Отчеттор (8.1)', 'Отчёты (8.1)', 'Reports (8.1)'),
  membership: loc('Курамдын өзгөрүшү (5.4.8)', 'Изменения состава (5.4.8)', 'Membership changes (5.4.8)'),
  conflicts: loc(
    'Кызыкчылыктардын кагылышы (6.3-6.4)',
    'Конфликт интересов (6.3-6.4)',
    'Conflicts of interest (6.3-6.4)',
  ),
};

/**
 * The flags of the group's work that are not statutory deadlines (the plan's items past their period, acts the council
 * has not considered, members standing aside), read for the dashboard page.
 */
export async function workFlags(db: Kysely<Database>, groupId: string, lang: Lang, today: IsoDate): Promise<Html> {
  const [plan, council, conflicts] = await Promise.all([
    planFlags(db, groupId, lang, today),
    considerationFlags(db, groupId, lang, today),
    conflictFlags(db, groupId, lang, today),
  ]);
  return html`${plan}${council}${conflicts}`;
}

export function dashboardBody(
  page: PageRequest,
  d: DashboardData,
  done: string | undefined,
  flags: Html = html``,
): Html {
  const lang = page.lang;
  return html`<p>${d.councilName ? html`${nameIn(lang, d.councilName)} · ` : ''}${msg(lang, 'dashboard.groupStatus', { status: groupStatusText(lang, d.groupStatus) })} · ${msg(lang, 'dashboard.today', { date: formatDay(lang, d.today) })}</p>
${actionsSection(lang, d)}
${obligationsSection(page, d)}
<section id="chart" aria-labelledby="chart-heading"><h2 id="chart-heading">${msg(lang, 'dashboard.chart.heading')}</h2>${obligationsChart(lang, d.chart)}</section>
${termSection(lang, d.groupId, d.term)}
${flags}
${meetingsSection(lang, d)}
${timelineSection(lang, d)}
${membersSection(lang, d)}
${feedSection(page, d, done === 'feed-token')}`;
}

export function dashboardPages(app: App, deps: AppDeps): void {
  const clock = deps.clock ?? Date.now;

  app.get(
    '/manage/groups/:groupId/dashboard',
    {
      schema: { hide: true, params: GroupParams, querystring: PageQuery },
      config: { access: [...READERS], page: true },
      preValidation: requireRole(deps.db, READERS),
    },
    async (request, reply) => {
      const { groupId } = request.params;
      const group = await findGroupById(deps.db, groupId);
      if (!group) throw new AppError('group-not-found', `group ${groupId} does not exist`);
      const { filter, object, done } = request.query;
      const kept: Record<string, string> = {};
      if (filter) kept.filter = filter;
      if (object) kept.object = object;
      const page = pageRequest(request, dashboardPath(groupId), kept);
      const data = await dashboardData(deps.db, {
        group,
        account: signedIn(request),
        today: bishkekDateOf(clock()),
        query: { filter: filter || undefined, objectId: object || undefined },
        origin: origin(request, deps.config),
        feedSecret: () => responseLinkSecret(deps.config),
      });
      return sendPage(
        reply,
        page,
        200,
        layout(
          page,
          msg(page.lang, 'dashboard.title'),
          dashboardBody(page, data, done, await workFlags(deps.db, groupId, page.lang, bishkekDateOf(clock()))),
        ),
      );
    },
  );

  app.post(
    '/manage/groups/:groupId/feed-token',
    {
      schema: {
        hide: true,
        params: GroupParams,
        querystring: Strict({ lang: Type.Optional(Type.String({ maxLength: 10 })) }),
        body: Strict({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) }),
      },
      config: { access: [...MANAGERS], page: true },
      preValidation: requireRole(deps.db, MANAGERS),
    },
    async (request, reply) => {
      const { groupId } = request.params;
      await regenerateFeedToken(deps.db, responseLinkSecret(deps.config), groupId, new Date(clock()));
      const page = pageRequest(request, dashboardPath(groupId));
      return reply.redirect(`${dashboardPath(groupId)}?lang=${page.lang}&done=feed-token#feed`, 303);
    },
  );
}
