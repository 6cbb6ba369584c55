// The meetings' pages (ky/ru/en): the term's meetings with the form to schedule one (7.2.1; an annual gathering, 7.2.4,
// is announced publicly), and each meeting's page: move, cancel, who attended with the quorum and its arithmetic
// (7.2.3), minutes with the signed file, decisions with their votes (not taken without quorum), what each is about and
// who stood aside from it (6.4: names only; listing a removed member among those who voted is 409). Chair and staff
// act; members and deputies read (a member's own meetings: the list). Thin adapters over procedures/term and
// procedures/meetings; a refusal comes back as the page with the refusal above the forms (400), nothing written.
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { findGroupById } from '../../db/groups';
import { bishkekDateOf } from '../../domain/dates';
import { dmy } from '../../domain/messages';
import { checkMinutesInput } from '../../domain/term';
import { ProcedureRefusedError } from '../../procedures/engine';
import {
  cancelAnnouncedMeeting,
  moveAnnouncedMeeting,
  scheduleAnnouncedMeeting,
} from '../../procedures/meetings/announced-meetings';
import { recordAttendance, recordDecision, recordMinutes } from '../../procedures/term/meetings';
import type { DecisionSubject, TermMeeting, TermState } from '../../workflows/term/contract';
import { actorOf, field, pageError, readMultipart } from '../acts/common';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireRole } from '../auth/require-role';
import { meetingKindText } from '../dashboard/text';
import { procedureDeps } from '../procedure-deps';
import { Strict } from '../schemas';
import { errorBox } from '../ui/error-page';
import { html, type Html } from '../ui/html';
import {
  checkboxFieldset,
  checkboxLine,
  labelledInput,
  labelledSelect,
  labelledTextarea,
  option,
  postForm,
} from '../ui/form-fields';
import { formText, PageDoneQuery } from '../ui/form-schema';
import { layout, scrollBox, type PageRequest } from '../ui/layout';
import { msg } from '../ui/messages';
import { pageRequest, queryString, sendPage } from '../ui/respond';
import { storeMinutesFile, minutesFileBytes } from './minutes-file';
import { MEETING_KINDS } from './schema';
import { meetingOf, meetingPath, meetingsPath, meetingView, termOf, type MeetingView } from './view';
import { decisionSubjectChoices, subjectLabelsIn, type SubjectChoices } from '../../db/decision-subjects';
import type { DecisionAbout } from '../../domain/decision-stand-aside';

const READERS = ['chair', 'member', 'staff', 'deputy'] as const;
const MANAGERS = ['chair', 'staff'] as const;
const Id = Type.String({ minLength: 1, maxLength: 200 });
const GroupParams = Strict({ groupId: Id });
const MeetingParams = Strict({ groupId: Id, meetingId: Id });
const Query = PageDoneQuery;
const S = formText;
const ScheduleForm = Strict({ _csrf: S(200), kind: S(40), date: S(20), time: S(10), place: S(300), agenda: S(4000) });
const MoveForm = Strict({ _csrf: S(200), date: S(20), time: S(10), place: S(300), reason: S(1000) });
const CancelForm = Strict({ _csrf: S(200), reason: S(1000) });
const AttendanceForm = Strict({
  _csrf: S(200),
  heldOn: S(20),
  present: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 200 })),
});
const DecisionForm = Strict({
  _csrf: S(200),
  text: S(4000),
  for: S(6),
  against: S(6),
  abstained: S(6),
  about: S(320),
  matter: S(300),
  participant: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 200 })),
});

const q = (page: PageRequest) => `?lang=${page.lang}`;
const isManager = (page: PageRequest) => page.auth?.role === 'chair' || page.auth?.role === 'staff';
const nonEmpty = (v: string | undefined) => (v ?? '').trim();

function statusText(page: PageRequest, m: TermMeeting): string {
  const base = msg(page.lang, `meetings.status.${m.status}`);
  if (m.status !== 'held' || !m.attendance) return base;
  return `${base}, ${msg(page.lang, m.attendance.quorate ? 'meetings.quorate' : 'meetings.notQuorate')}`;
}

function termLine(page: PageRequest, term: TermState | null): Html {
  if (!term) return html`<div class="notice" role="status"><p>${msg(page.lang, 'meetings.noTerm')}</p></div>`;
  return html`<p>${msg(page.lang, 'meetings.term', { start: dmy(term.termStart), end: dmy(term.termEnd) })}</p>`;
}

function scheduleForm(page: PageRequest, groupId: string, typed: Record<string, string>): Html {
  const lang = page.lang;
  const v = (k: string) => typed[k] ?? '';
  const kinds = MEETING_KINDS.map((k) => option(k, meetingKindText(lang, k), v('kind') === k));
  const fields = html`${labelledSelect(msg(lang, 'meetings.kind'), 'kind', kinds)}
${labelledInput(msg(lang, 'meetings.date'), 'date', 'date', { required: true, value: v('date') })}
${labelledInput(msg(lang, 'meetings.time'), 'time', 'time', { required: true, value: v('time') })}
${labelledInput(msg(lang, 'meetings.place'), 'place', 'text', { attrs: html` maxlength="300"`, required: true, value: v('place') })}
${labelledTextarea(msg(lang, 'meetings.agenda'), 'agenda', 4, { attrs: html` maxlength="4000"`, required: true, value: v('agenda') })}`;
  return html`<section aria-labelledby="schedule"><h2 id="schedule">${msg(lang, 'meetings.schedule')}</h2>
${postForm(page, `${meetingsPath(groupId)}${q(page)}`, fields, msg(lang, 'meetings.submitSchedule'))}</section>`;
}

async function renderList(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  groupId: string,
  status: number,
  error: AppError | null,
  typed: Record<string, string> = {},
): Promise<FastifyReply> {
  const page = pageRequest(request, meetingsPath(groupId));
  const term = await termOf(deps, groupId);
  const meetings = [...(term?.meetings ?? [])].sort((a, b) => (a.date + a.time).localeCompare(b.date + b.time));
  const done = queryString(request, 'done');
  const rows = meetings.map(
    (m) =>
      html`<tr><td>${dmy(m.date)}, ${m.time}</td><td>${meetingKindText(page.lang, m.kind)}</td><td>${m.place}</td><td>${statusText(page, m)}</td><td><a href="${meetingPath(groupId, m.meetingId)}${q(page)}">${msg(page.lang, 'meetings.open')}</a></td></tr>`,
  );
  const body = html`<p><a href="/manage/groups/${encodeURIComponent(groupId)}/dashboard${q(page)}">${msg(page.lang, 'meetings.back')}</a></p>
${done === 'scheduled' ? html`<p class="ok" role="status">${msg(page.lang, 'meetings.scheduled')}</p>` : ''}
${done === 'announced' ? html`<p class="ok" role="status">${msg(page.lang, 'meetings.scheduled')} ${msg(page.lang, 'meetings.annualNotice')}</p>` : ''}
${error ? errorBox(page, error) : ''}
<p class="muted">${msg(page.lang, 'meetings.intro')}</p>
${termLine(page, term)}
${
  meetings.length === 0
    ? html`<p>${msg(page.lang, 'meetings.none')}</p>`
    : scrollBox(
        msg(page.lang, 'meetings.title'),
        html`<table><thead><tr><th scope="col">${msg(page.lang, 'meetings.col.when')}</th><th scope="col">${msg(page.lang, 'meetings.col.kind')}</th><th scope="col">${msg(page.lang, 'meetings.col.place')}</th><th scope="col">${msg(page.lang, 'meetings.col.status')}</th><th scope="col"><span class="visually-hidden">${msg(page.lang, 'meetings.open')}</span></th></tr></thead><tbody>${rows}</tbody></table>`,
      )
}
${term && term.status === 'active' && isManager(page) ? scheduleForm(page, groupId, typed) : ''}`;
  return sendPage(reply, page, status, layout(page, msg(page.lang, 'meetings.title'), body));
}

function decisionLine(
  page: PageRequest,
  d: MeetingView['decisions'][number],
  names: Map<string, string>,
  label: (subject: DecisionSubject) => string,
): Html {
  const outcome = d.taken
    ? msg(page.lang, 'meetings.taken')
    : msg(page.lang, `meetings.notTaken.${d.because === 'no-quorum' ? 'no-quorum' : 'no-majority'}`);
  // 6.4: what it was about and who stood aside, by name only (the reasons stay on the conflicts' record).
  const aside = d.stoodAsideMembershipIds.map((id) => names.get(id) ?? id);
  return html`<li><p>${d.text}</p>
${d.subject ? html`<p>${msg(page.lang, 'decision.subject', { subject: label(d.subject) })}</p>` : ''}
<p class="muted">${msg(page.lang, 'meetings.votes', { for: String(d.votes.for), against: String(d.votes.against), abstained: String(d.votes.abstained) })}: <strong>${outcome}</strong></p>
<p class="muted">${msg(page.lang, 'decision.tookPart', { n: String(d.participantMembershipIds.length) })}</p>
${aside.length > 0 ? html`<p>${msg(page.lang, 'decision.stoodAside', { names: aside.join(', ') })}</p>` : ''}</li>`;
}

/** A decision's count of votes: a whole number, 0 or more. */
const voteInput = (label: string, name: 'for' | 'against' | 'abstained') =>
  labelledInput(label, name, 'number', {
    id: `votes-${name}`,
    attrs: html` min="0" step="1" inputmode="numeric"`,
    required: true,
  });

/** The decision form's choice of what it is about: objects, plan items, declared matters, another matter (6.4). */
function aboutSelect(page: PageRequest, choices: SubjectChoices): Html {
  const lang = page.lang;
  const group = (label: string, options: Html[]) =>
    options.length === 0 ? '' : html`<optgroup label="${label}">${options}</optgroup>`;
  return html`${labelledSelect(
    msg(lang, 'decision.about'),
    'about',
    html`${option('', msg(lang, 'decision.aboutNone'))}
${group(
  msg(lang, 'decision.aboutObjects'),
  choices.objects.map((o) => option(`object:${o.id}`, o.name)),
)}
${group(
  msg(lang, 'decision.aboutPlanItems'),
  choices.planItems.map((i) => option(`plan-item:${i.id}`, i.label)),
)}
${group(
  msg(lang, 'decision.aboutMatters'),
  choices.matters.map((m) => option(`matter:${m}`, m)),
)}
${option('other', msg(lang, 'decision.aboutOther'))}`,
    { id: 'decision-about' },
  )}
${labelledInput(msg(lang, 'decision.matter'), 'matter', 'text', { id: 'decision-matter', attrs: html` maxlength="300"` })}`;
}

/** The form's `about` value ('object:ID', 'plan-item:ID', 'matter:TEXT', 'other' with the matter field) as a subject. */
export function aboutOf(about: string | undefined, matter: string | undefined): DecisionAbout | null {
  const v = (about ?? '').trim();
  const typed = (matter ?? '').trim();
  if (v.startsWith('object:')) return { objectId: v.slice('object:'.length) };
  if (v.startsWith('plan-item:')) return { planItemId: v.slice('plan-item:'.length) };
  if (v.startsWith('matter:')) return { matter: v.slice('matter:'.length) };
  if (typed !== '') return { matter: typed };
  return null;
}

async function renderMeeting(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  groupId: string,
  meetingId: string,
  status: number,
  error: AppError | null,
): Promise<FastifyReply> {
  const page = pageRequest(request, meetingPath(groupId, meetingId));
  const lang = page.lang;
  const { term, meeting: m } = await meetingOf(deps, groupId, meetingId);
  const view = meetingView(groupId, m);
  const manage = isManager(page) && term.status === 'active';
  const action = (what: string) => `${meetingPath(groupId, meetingId)}/${what}${q(page)}`;
  const names = new Map([...term.members, ...(term.departures ?? [])].map((x) => [x.membershipId, x.fullName]));
  const today = bishkekDateOf((deps.clock ?? Date.now)());
  const title = msg(lang, 'meetings.meetingTitle', { kind: meetingKindText(lang, m.kind), date: dmy(m.date) });

  const head = html`<p><a href="${meetingsPath(groupId)}${q(page)}">${msg(lang, 'meetings.backList')}</a></p>
${queryString(request, 'done') ? html`<p class="ok" role="status">${msg(lang, 'meetings.done')}</p>` : ''}
${error ? errorBox(page, error) : ''}
<p><strong>${msg(lang, 'meetings.whenWhere', { date: dmy(m.date), time: m.time, place: m.place })}</strong> — ${statusText(page, m)}</p>
<p>${msg(lang, 'meetings.agendaLabel', { agenda: m.agenda })}</p>
${m.moves > 0 ? html`<p class="muted">${msg(lang, 'meetings.moved', { n: m.moves })}</p>` : ''}
${m.status === 'cancelled' ? html`<p>${msg(lang, 'meetings.cancelledBecause', { reason: m.cancelReason ?? '' })}</p>` : ''}`;

  const scheduledForms =
    manage && m.status === 'scheduled'
      ? html`<section aria-labelledby="move"><h2 id="move">${msg(lang, 'meetings.move')}</h2>
${postForm(
  page,
  action('move'),
  html`${labelledInput(msg(lang, 'meetings.date'), 'date', 'date', { id: 'move-date', required: true, value: m.date })}
${labelledInput(msg(lang, 'meetings.time'), 'time', 'time', { id: 'move-time', required: true, value: m.time })}
${labelledInput(msg(lang, 'meetings.place'), 'place', 'text', { id: 'move-place', attrs: html` maxlength="300"`, value: m.place })}
${labelledInput(msg(lang, 'meetings.reason'), 'reason', 'text', { id: 'move-reason', attrs: html` maxlength="1000"` })}`,
  msg(lang, 'meetings.submitMove'),
)}</section>
<section aria-labelledby="cancel"><h2 id="cancel">${msg(lang, 'meetings.cancel')}</h2>
${postForm(
  page,
  action('cancel'),
  labelledInput(msg(lang, 'meetings.reason'), 'reason', 'text', {
    id: 'cancel-reason',
    attrs: html` maxlength="1000"`,
    required: true,
  }),
  msg(lang, 'meetings.submitCancel'),
)}</section>`
      : '';

  const attendance = view.attendance
    ? html`<p>${msg(lang, 'meetings.heldOn')}: ${dmy(view.attendance.heldOn)}</p>
<p>${view.quorum ? view.quorum.text[lang] : ''}</p>
<p>${msg(lang, 'meetings.present', { names: view.attendance.presentMembershipIds.map((id) => names.get(id) ?? id).join(', ') })}</p>
${view.attendance.quorate ? '' : html`<p class="error">${msg(lang, 'meetings.noQuorumNote')}</p>`}`
    : '';
  const attendanceForm =
    manage && m.status !== 'cancelled' && m.date <= today
      ? postForm(
          page,
          action('attendance'),
          html`${labelledInput(msg(lang, 'meetings.heldOn'), 'heldOn', 'date', { required: true, value: view.attendance?.heldOn ?? m.date })}
${checkboxFieldset(
  msg(lang, 'meetings.attendance'),
  term.members.map((x) =>
    checkboxLine(
      `present-${x.membershipId}`,
      'present',
      x.membershipId,
      x.fullName,
      view.attendance?.presentMembershipIds.includes(x.membershipId),
    ),
  ),
)}`,
          msg(lang, 'meetings.submitAttendance'),
        )
      : '';

  const minutes = view.minutes
    ? html`<p><strong>${msg(lang, 'meetings.minutesOf', { date: dmy(view.minutes.date) })}</strong></p><p>${view.minutes.text}</p>
${view.minutes.file ? html`<p><a href="${view.minutes.file.url}">${msg(lang, 'meetings.file', { name: view.minutes.file.fileName })}</a></p>` : ''}
<p><a href="/groups/${encodeURIComponent(groupId)}/meetings/${encodeURIComponent(meetingId)}/minutes${q(page)}">${msg(lang, 'meetings.publicMinutes')}</a></p>`
    : '';
  const minutesForm =
    manage && m.status === 'held'
      ? postForm(
          page,
          action('minutes'),
          html`${labelledInput(msg(lang, 'meetings.minutesDate'), 'date', 'date', { id: 'minutes-date', value: view.minutes?.date ?? '' })}
${labelledTextarea(msg(lang, 'meetings.minutesText'), 'text', 6, { id: 'minutes-text', attrs: html` maxlength="20000"`, value: view.minutes?.text ?? '' })}
${labelledInput(msg(lang, 'meetings.minutesFile'), 'file', 'file', { id: 'minutes-file' })}`,
          msg(lang, 'meetings.submitMinutes'),
          { multipart: true },
        )
      : '';

  const label = await subjectLabelsIn(
    deps.db,
    view.decisions.flatMap((d) => (d.subject ? [d.subject] : [])),
    lang,
  );
  const decisions = html`${view.decisions.length === 0 ? html`<p>${msg(lang, 'meetings.noDecisions')}</p>` : html`<ol>${view.decisions.map((d) => decisionLine(page, d, names, label))}</ol>`}
<p class="muted">${msg(lang, 'decision.majorityNote')}</p>`;
  const choices =
    manage && m.status === 'held'
      ? await decisionSubjectChoices(deps.db, groupId)
      : { objects: [], planItems: [], matters: [] };
  const decisionForm =
    manage && m.status === 'held'
      ? postForm(
          page,
          action('decisions'),
          html`${labelledTextarea(msg(lang, 'meetings.decision'), 'text', 3, { id: 'decision-text', attrs: html` maxlength="4000"`, required: true })}
${aboutSelect(page, choices)}
${checkboxFieldset(
  msg(lang, 'decision.participants'),
  (view.attendance?.presentMembershipIds ?? []).map((id) =>
    checkboxLine(`participant-${id}`, 'participant', id, names.get(id) ?? id),
  ),
  msg(lang, 'decision.participantsHint'),
)}
${voteInput(msg(lang, 'meetings.votesFor'), 'for')}
${voteInput(msg(lang, 'meetings.votesAgainst'), 'against')}
${voteInput(msg(lang, 'meetings.abstained'), 'abstained')}`,
          msg(lang, 'meetings.submitDecision'),
        )
      : '';

  const body = html`${head}${scheduledForms}
${m.status !== 'cancelled' ? html`<section aria-labelledby="attendance"><h2 id="attendance">${msg(lang, 'meetings.attendance')}</h2>${attendance}${attendanceForm}</section>` : ''}
${
  m.status === 'held'
    ? html`<section aria-labelledby="minutes"><h2 id="minutes">${msg(lang, 'meetings.minutes')}</h2>${minutes}${minutesForm}</section>
<section aria-labelledby="decisions"><h2 id="decisions">${msg(lang, 'meetings.decisions')}</h2>${decisions}${decisionForm}</section>`
    : ''
}`;
  return sendPage(reply, page, status, layout(page, title, body));
}

const votesOf = (v: string | undefined): number => (/^\d{1,6}$/.test(nonEmpty(v)) ? Number(nonEmpty(v)) : NaN);

export function meetingsPages(app: App, deps: AppDeps): void {
  const readers = { config: { access: READERS, page: true }, preValidation: requireRole(deps.db, READERS) };
  const managers = { config: { access: MANAGERS, page: true }, preValidation: requireRole(deps.db, MANAGERS) };
  const use = (request: FastifyRequest) => procedureDeps(deps, request.log);

  /** Runs a meeting action; its refusal re-renders the page (400/409/503) with nothing written, else redirects. */
  async function act(
    request: FastifyRequest,
    reply: FastifyReply,
    groupId: string,
    meetingId: string,
    run: () => Promise<unknown>,
  ): Promise<FastifyReply> {
    try {
      await run();
    } catch (error) {
      const e = pageError(error);
      if (!e) throw error;
      const status =
        e.code === 'engine-unavailable'
          ? 503
          : e.code === 'step-conflict' || e.code === 'conflict'
            ? 409
            : e.code === 'not-found'
              ? 404
              : 400;
      return renderMeeting(request, reply, deps, groupId, meetingId, status, e);
    }
    return reply.redirect(`${meetingPath(groupId, meetingId)}${q(pageRequest(request, ''))}&done=1`, 303);
  }

  app.get(
    '/manage/groups/:groupId/meetings',
    { schema: { hide: true, params: GroupParams, querystring: Query }, ...readers },
    (request, reply) => renderList(request, reply, deps, request.params.groupId, 200, null),
  );

  app.post(
    '/manage/groups/:groupId/meetings',
    { schema: { hide: true, params: GroupParams, querystring: Query, body: ScheduleForm }, ...managers },
    async (request, reply) => {
      const { groupId } = request.params;
      const b = request.body;
      const typed = {
        kind: nonEmpty(b.kind),
        date: nonEmpty(b.date),
        time: nonEmpty(b.time),
        place: nonEmpty(b.place),
        agenda: nonEmpty(b.agenda),
      };
      const kind = (MEETING_KINDS as readonly string[]).includes(typed.kind)
        ? (typed.kind as (typeof MEETING_KINDS)[number])
        : 'regular';
      try {
        const done = await scheduleAnnouncedMeeting(use(request), {
          groupId,
          meetingId: randomUUID(),
          kind,
          date: typed.date,
          time: typed.time,
          place: typed.place,
          agenda: typed.agenda,
          actor: actorOf(request),
        });
        const lang = pageRequest(request, '').lang;
        return reply.redirect(
          `${meetingsPath(groupId)}?lang=${lang}&done=${done.notice ? 'announced' : 'scheduled'}`,
          303,
        );
      } catch (error) {
        const e = pageError(error);
        if (!e) throw error;
        return renderList(request, reply, deps, groupId, e.code === 'engine-unavailable' ? 503 : 400, e, typed);
      }
    },
  );

  app.get(
    '/manage/groups/:groupId/meetings/:meetingId',
    { schema: { hide: true, params: MeetingParams, querystring: Query }, ...readers },
    (request, reply) =>
      renderMeeting(request, reply, deps, request.params.groupId, request.params.meetingId, 200, null),
  );

  app.post(
    '/manage/groups/:groupId/meetings/:meetingId/move',
    { schema: { hide: true, params: MeetingParams, querystring: Query, body: MoveForm }, ...managers },
    (request, reply) => {
      const { groupId, meetingId } = request.params;
      const b = request.body;
      return act(request, reply, groupId, meetingId, () =>
        moveAnnouncedMeeting(use(request), {
          groupId,
          meetingId,
          date: nonEmpty(b.date),
          time: nonEmpty(b.time),
          ...(nonEmpty(b.place) === '' ? {} : { place: nonEmpty(b.place) }),
          reason: nonEmpty(b.reason) || null,
          actor: actorOf(request),
        }),
      );
    },
  );

  app.post(
    '/manage/groups/:groupId/meetings/:meetingId/cancel',
    { schema: { hide: true, params: MeetingParams, querystring: Query, body: CancelForm }, ...managers },
    (request, reply) => {
      const { groupId, meetingId } = request.params;
      return act(request, reply, groupId, meetingId, () =>
        cancelAnnouncedMeeting(use(request), {
          groupId,
          meetingId,
          reason: nonEmpty(request.body.reason),
          actor: actorOf(request),
        }),
      );
    },
  );

  app.post(
    '/manage/groups/:groupId/meetings/:meetingId/attendance',
    { schema: { hide: true, params: MeetingParams, querystring: Query, body: AttendanceForm }, ...managers },
    (request, reply) => {
      const { groupId, meetingId } = request.params;
      return act(request, reply, groupId, meetingId, () =>
        recordAttendance(use(request), {
          groupId,
          meetingId,
          heldOn: nonEmpty(request.body.heldOn),
          presentMembershipIds: request.body.present ?? [],
          actor: actorOf(request),
        }),
      );
    },
  );

  app.post(
    '/manage/groups/:groupId/meetings/:meetingId/minutes',
    {
      schema: { hide: true, params: MeetingParams, querystring: Query },
      config: { access: MANAGERS, page: true, multipartCsrf: true },
      preValidation: requireRole(deps.db, MANAGERS),
    },
    async (request, reply) => {
      const { groupId, meetingId } = request.params;
      return act(request, reply, groupId, meetingId, async () => {
        const body = await readMultipart(request, ['date', 'text']);
        // The minutes' own rules first (a date, not in the future; a text), so a refused form stores no file.
        const problems = checkMinutesInput(
          { date: field(body.fields, 'date'), text: field(body.fields, 'text') },
          bishkekDateOf((deps.clock ?? Date.now)()),
        );
        if (problems.length > 0) throw new ProcedureRefusedError(problems.map((p) => p.message.en).join(' '), problems);
        const file = body.file ? storeMinutesFile(deps.config.dataDir, body.file) : null;
        return recordMinutes(use(request), {
          groupId,
          meetingId,
          date: field(body.fields, 'date'),
          text: field(body.fields, 'text'),
          ...(file ? { file } : {}),
          actor: actorOf(request),
        });
      });
    },
  );

  app.post(
    '/manage/groups/:groupId/meetings/:meetingId/decisions',
    { schema: { hide: true, params: MeetingParams, querystring: Query, body: DecisionForm }, ...managers },
    (request, reply) => {
      const { groupId, meetingId } = request.params;
      const b = request.body;
      return act(request, reply, groupId, meetingId, () =>
        recordDecision(use(request), {
          groupId,
          meetingId,
          decisionId: randomUUID(),
          text: nonEmpty(b.text),
          votes: { for: votesOf(b.for), against: votesOf(b.against), abstained: votesOf(b.abstained) },
          about: aboutOf(b.about, b.matter),
          participantMembershipIds: b.participant && b.participant.length > 0 ? b.participant : null,
          actor: actorOf(request),
        }),
      );
    },
  );

  app.get(
    '/manage/groups/:groupId/meetings/:meetingId/minutes-file',
    { schema: { hide: true, params: MeetingParams, querystring: Query }, ...readers },
    async (request, reply) => {
      const { groupId, meetingId } = request.params;
      if (!(await findGroupById(deps.db, groupId))) throw new AppError('group-not-found', `group ${groupId}`);
      const { meeting } = await meetingOf(deps, groupId, meetingId);
      const file = meeting.minutes?.file;
      if (!file)
        throw new AppError('not-found', `no minutes file for meeting ${meetingId}`, {
          field: 'meetingId',
          subject: meetingId,
        });
      const bytes = await minutesFileBytes(deps.config.dataDir, file.storageKey);
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    },
  );
}
