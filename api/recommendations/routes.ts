// The council's answer to the group's recommendations (issue 15 point 3; resolution item 2; 3.1; 4.3(4)):
//   GET  /api/acts/:actId/council-decisions          public (issued acts)  each recommendation with the council's
//                                                                        decisions, the sessions, the executive body's reports
//   POST /api/acts/:actId/council-decisions          staff of the council  record a session's decisions
//   PUT  /api/councils/:councilId/consideration-days staff of the council  the council's own period (not statutory)
//   GET|POST /manage/acts/:actId/council-decisions   the same as a page (staff record; chair, members, deputies read)
//   GET|POST /manage/councils/:councilId/consideration-days   the period as a page
// The public act page and the chair's dashboard show the same through considerationSection and considerationFlags.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { findAct, type Act } from '../../db/acts';
import {
  actConsiderations,
  considerationDays,
  executiveReports,
  groupConsiderationStates,
  groupReportConsiderationStates,
  type ActConsideration,
} from '../../db/considerations';
import type { Database } from '../../db/database';
import { findCouncilById } from '../../db/councils';
import { findGroupById } from '../../db/groups';
import { CONSIDERATION_DAYS_RANGE, considerationState } from '../../domain/council-consideration';
import type { Lang } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import { parsePeriodKey, periodName } from '../../domain/summary-report';
import { D as REPORT_WORDS } from '../reports/decision-text';
import {
  recordCouncilConsideration,
  setCouncilConsiderationDays,
} from '../../procedures/recommendations/record-consideration';
import { actorOf, pageError, requireActRole, todayOf } from '../acts/common';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireCouncilRole } from '../auth/require-role';
import { engineAppError } from '../engine-errors';
import { ERROR_STATUS } from '../error-status';
import { ErrorSchema, Nullable } from '../schemas';
import { errorBox } from '../ui/error-page';
import { html, type Html } from '../ui/html';
import { csrfField, layout, type PageRequest } from '../ui/layout';
import { msg } from '../ui/messages';
import { pageRequest, sendNotFound, sendPage } from '../ui/respond';
import { postedConsideration, sendConsideration } from './consideration-reply';
import { considerationBody, ConsiderationView, RecommendationDecisionsView } from './consideration-schema';
import {
  chosenConsideration,
  decisionForm,
  NOTHING_TYPED,
  typedConsideration,
  type TypedConsideration,
} from './decision-form';
import { decisionsTable, recommendationsWithDecisions } from './decisions-table';
import { councilDaysSettingRoute } from '../councils/days-setting-route';

const PUBLIC_STATUSES = ['issued', 'received', 'closed'];
const READERS = ['staff', 'deputy', 'chair', 'member'] as const;
const ActParams = Type.Object({ actId: Type.String({ minLength: 1, maxLength: 200 }) });
const CouncilParams = Type.Object({ councilId: Type.String({ minLength: 1, maxLength: 200 }) });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

const ConsiderationBody = considerationBody('act');
const RecommendationsView = Type.Object({
  actId: Type.String(),
  number: Nullable(Type.String()),
  ...RecommendationDecisionsView,
  executiveReports: Type.Array(Type.Object({ reportedOn: Type.String(), late: Type.Boolean() })),
});

export const considerationsPath = (actId: string) => `/manage/acts/${encodeURIComponent(actId)}/council-decisions`;
const daysPath = (councilId: string) => `/manage/councils/${encodeURIComponent(councilId)}/consideration-days`;

/** The API's and the pages' view of an act's recommendations with the council's decisions. */
async function recommendationsView(db: Kysely<Database>, act: Act) {
  const [sessions, reports] = await Promise.all([actConsiderations(db, act.id), executiveReports(db, act.id)]);
  const recommendations = recommendationsWithDecisions(act.draft.recommendations ?? [], sessions);
  return { recommendations, sessions, reports };
}

const problemOf = (error: unknown): AppError | null => engineAppError(error);

/** Each recommendation with the council's latest decision and the executive body's report: the public act page's part. */
export async function considerationSection(
  db: Kysely<Database>,
  act: Act,
  lang: Lang,
  withReportText = false,
): Promise<Html> {
  const { recommendations, reports } = await recommendationsView(db, act);
  const report =
    reports.length === 0
      ? html`<p>${msg(lang, 'consideration.noReport')}</p>`
      : html`${reports.map(
          (r) =>
            html`<p>${msg(lang, 'consideration.reportedOn', { date: dmy(r.reportedOn) })} (${msg(lang, r.late ? 'consideration.late' : 'consideration.onTime')})${withReportText ? html`:<br>${r.text}` : ''}</p>`,
        )}`;
  return html`<section aria-labelledby="council-decisions">
<h2 id="council-decisions">${msg(lang, 'consideration.title')}</h2>
${
  recommendations.length === 0
    ? ''
    : decisionsTable(recommendations, lang, {
        title: msg(lang, 'consideration.title'),
        recommendation: msg(lang, 'consideration.recommendation'),
        decision: msg(lang, 'consideration.decision'),
        notDecided: msg(lang, 'consideration.notDecided'),
      })
}
<h3>${msg(lang, 'consideration.report')}</h3>
${report}
</section>`;
}

/** The chair's dashboard part: the group's acts the council has not considered within its own period (not statutory). */
export async function considerationFlags(
  db: Kysely<Database>,
  groupId: string,
  lang: Lang,
  today: string,
): Promise<Html> {
  const overdue = (await groupConsiderationStates(db, groupId, today)).filter((a) => a.state.state === 'overdue');
  // Submitted reports with recommendations, by the same period from their submission (issue 15 point 3; not statutory).
  const reports = (await groupReportConsiderationStates(db, groupId, today)).filter((r) => r.state.state === 'overdue');
  const reportFlags =
    reports.length === 0
      ? ''
      : html`<h3>${REPORT_WORDS.flagTitle[lang]}</h3><ul>${reports.map((r) =>
          r.state.state === 'overdue'
            ? html`<li><a href="/manage/reports/${encodeURIComponent(r.reportId)}?lang=${lang}">${periodName(parsePeriodKey(r.period)!, lang)}</a>: ${REPORT_WORDS.overdue[lang].replace('{date}', dmy(r.state.expectedBy)).replace('{days}', String(r.state.daysOver))}</li>`
            : '',
        )}</ul>`;
  return html`<section aria-labelledby="consideration-flags">
<h2 id="consideration-flags">${msg(lang, 'consideration.flagTitle')}</h2>
${
  overdue.length === 0
    ? html`<p>${msg(lang, 'consideration.flagNone')}</p>`
    : html`<ul>${overdue.map((a) =>
        a.state.state === 'overdue'
          ? html`<li><a href="${considerationsPath(a.actId)}?lang=${lang}">${a.number ?? ''} ${a.title}</a>: ${msg(lang, 'consideration.overdue', { date: dmy(a.state.expectedBy), days: a.state.daysOver })}</li>`
          : '',
      )}</ul>`
}
${reportFlags}
</section>`;
}

export function considerationRoutes(app: App, deps: AppDeps): void {
  const useCaseDeps = { db: deps.db, now: () => (deps.clock ?? Date.now)() };

  app.get(
    '/api/acts/:actId/council-decisions',
    {
      schema: {
        summary:
          "An issued act's recommendations with the council's decisions and the executive body's reports (public)",
        tags: ['acts'],
        params: ActParams,
        response: { 200: RecommendationsView, 404: ErrorSchema },
      },
      config: { access: ['public'] },
    },
    async (request) => {
      const act = await findAct(deps.db, request.params.actId);
      if (!act || !PUBLIC_STATUSES.includes(act.status))
        throw new AppError('not-found', `act ${request.params.actId} does not exist or is not issued`, {
          subject: request.params.actId,
        });
      const view = await recommendationsView(deps.db, act);
      return {
        actId: act.id,
        number: act.number,
        recommendations: view.recommendations.map((r) => ({ number: r.number, text: r.text, decisions: r.decisions })),
        sessions: view.sessions.map((s) => ({ sessionOn: s.sessionOn, agendaItem: s.agendaItem })),
        // The report's date and whether it was late; its text is shown to the council's staff and the group only.
        executiveReports: view.reports.map((r) => ({ reportedOn: r.reportedOn, late: r.late })),
      };
    },
  );

  app.post(
    '/api/acts/:actId/council-decisions',
    {
      schema: {
        summary: 'Record the council session that considered an act and its decision on each recommendation (staff)',
        tags: ['acts'],
        params: ActParams,
        body: ConsiderationBody,
        response: { 200: ConsiderationView, 201: ConsiderationView, ...errors },
      },
      config: { access: ['staff'] },
      preValidation: requireActRole(deps.db, ['staff']),
    },
    (request, reply) =>
      sendConsideration(reply, () =>
        recordCouncilConsideration(useCaseDeps, {
          actId: request.params.actId,
          ...postedConsideration(request.body),
          actor: actorOf(request),
        }),
      ),
  );

  councilDaysSettingRoute(app, deps, {
    url: '/api/councils/:councilId/consideration-days',
    summary: "The council's own period for considering acts, in calendar days (not a statutory deadline)",
    range: CONSIDERATION_DAYS_RANGE,
    set: (input) => setCouncilConsiderationDays(deps, input),
  });

  // ---- pages ----

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    actId: string,
    status: number,
    error: AppError | null,
    typed: TypedConsideration,
  ) {
    const page: PageRequest = pageRequest(request, considerationsPath(actId));
    const l = page.lang;
    const act = await findAct(deps.db, actId);
    if (!act) return sendNotFound(reply, page);
    const group = (await findGroupById(deps.db, act.groupId))!;
    const today = todayOf(deps);
    const mayRecord = page.auth?.role === 'staff';
    const issued = PUBLIC_STATUSES.includes(act.status);
    const [section, sessions, days] = await Promise.all([
      considerationSection(deps.db, act, l, true),
      actConsiderations(deps.db, act.id),
      considerationDays(deps.db, group.council_id),
    ]);
    const done = (request.query as { done?: string }).done;
    const note =
      done === 'recorded' || done === 'already'
        ? html`<p class="notice" role="status">${msg(l, done === 'recorded' ? 'consideration.recorded' : 'consideration.already')}</p>`
        : '';
    let state: Html | string = '';
    if (issued && act.issuedOn) {
      const s = considerationState(
        { issuedOn: act.issuedOn, recommendations: (act.draft.recommendations ?? []).length },
        sessions.flatMap((c: ActConsideration) => c.decisions.map((d) => ({ ...d, sessionOn: c.sessionOn }))),
        days,
        today,
      );
      state =
        s.state === 'considered'
          ? s.undecided > 0
            ? html`<p>${msg(l, 'consideration.undecided', { count: s.undecided })}</p>`
            : ''
          : s.state === 'awaiting'
            ? html`<p class="muted">${msg(l, 'consideration.expectedBy', { date: dmy(s.expectedBy) })}</p>`
            : html`<p class="warning">${msg(l, 'consideration.overdue', { date: dmy(s.expectedBy), days: s.daysOver })}</p>`;
    }
    const sessionList =
      sessions.length === 0
        ? html`<p>${msg(l, 'consideration.none')}</p>`
        : html`<ul>${sessions.map((s) => html`<li>${msg(l, 'consideration.session')} ${dmy(s.sessionOn)}: ${s.agendaItem}</li>`)}</ul>`;
    const recommendations = act.draft.recommendations ?? [];
    const form =
      mayRecord && issued && recommendations.length > 0
        ? decisionForm(page, {
            action: considerationsPath(actId),
            today,
            recommendations,
            words: {
              title: msg(l, 'consideration.record'),
              sessionOn: msg(l, 'consideration.sessionOn'),
              agendaItem: msg(l, 'consideration.agendaItem'),
              recommendation: msg(l, 'consideration.recommendation'),
              decision: msg(l, 'consideration.decision'),
              choose: msg(l, 'consideration.choose'),
              text: msg(l, 'consideration.text'),
              submit: msg(l, 'consideration.submit'),
            },
            error,
            typed,
          })
        : '';
    const body = html`${note}<p><a href="/manage/acts/${encodeURIComponent(actId)}?lang=${l}">${act.number ?? ''} ${act.title}</a></p>
<p class="muted">${msg(l, 'consideration.intro')}</p>
${state}${section}<h2>${msg(l, 'consideration.session')}</h2>${sessionList}${form}`;
    return sendPage(reply, page, status, layout(page, msg(l, 'consideration.title'), body));
  }

  app.get(
    '/manage/acts/:actId/council-decisions',
    {
      schema: { hide: true, params: ActParams },
      config: { access: [...READERS], page: true },
      preValidation: requireActRole(deps.db, READERS),
    },
    (request, reply) => render(request, reply, request.params.actId, 200, null, NOTHING_TYPED),
  );

  app.post(
    '/manage/acts/:actId/council-decisions',
    {
      schema: {
        hide: true,
        params: ActParams,
        body: Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 4000 }), { maxProperties: 2100 }),
      },
      config: { access: ['staff'], page: true },
      preValidation: requireActRole(deps.db, ['staff']),
    },
    async (request, reply) => {
      const { actId } = request.params;
      const typed = typedConsideration(request.body);
      const l = pageRequest(request, '').lang;
      let recorded: boolean;
      try {
        ({ recorded } = await recordCouncilConsideration(useCaseDeps, {
          actId,
          ...chosenConsideration(typed),
          actor: actorOf(request),
        }));
      } catch (error) {
        const shown = problemOf(error) ?? pageError(error);
        if (!shown) throw error;
        return render(request, reply, actId, ERROR_STATUS[shown.code], shown, typed);
      }
      return reply.redirect(`${considerationsPath(actId)}?lang=${l}&done=${recorded ? 'recorded' : 'already'}`, 303);
    },
  );

  async function renderDays(
    request: FastifyRequest,
    reply: FastifyReply,
    councilId: string,
    status: number,
    error: AppError | null,
  ) {
    const page = pageRequest(request, daysPath(councilId));
    const l = page.lang;
    const council = await findCouncilById(deps.db, councilId);
    if (!council) return sendNotFound(reply, page);
    const days = await considerationDays(deps.db, councilId);
    const saved = (request.query as { done?: string }).done === 'saved';
    const body = html`${saved ? html`<p class="notice" role="status">${msg(l, 'consideration.saved')}</p>` : ''}
<p>${msg(l, 'consideration.daysIntro')}</p>
${error ? errorBox(page, error) : ''}
<form method="post" action="${daysPath(councilId)}?lang=${l}">
${csrfField(page)}
<label for="days">${msg(l, 'consideration.days')}</label>
<input id="days" name="days" type="number" inputmode="numeric" min="${String(CONSIDERATION_DAYS_RANGE.min)}" max="${String(CONSIDERATION_DAYS_RANGE.max)}" required value="${String(days)}">
<button type="submit">${msg(l, 'consideration.save')}</button>
</form>`;
    return sendPage(reply, page, status, layout(page, msg(l, 'consideration.daysTitle'), body));
  }

  app.get(
    '/manage/councils/:councilId/consideration-days',
    {
      schema: { hide: true, params: CouncilParams },
      config: { access: ['staff'], page: true },
      preValidation: requireCouncilRole(deps.db, ['staff']),
    },
    (request, reply) => renderDays(request, reply, request.params.councilId, 200, null),
  );

  app.post(
    '/manage/councils/:councilId/consideration-days',
    {
      schema: {
        hide: true,
        params: CouncilParams,
        body: Type.Object({
          _csrf: Type.Optional(Type.String({ maxLength: 200 })),
          days: Type.String({ maxLength: 10 }),
        }),
      },
      config: { access: ['staff'], page: true },
      preValidation: requireCouncilRole(deps.db, ['staff']),
    },
    async (request, reply) => {
      const { councilId } = request.params;
      const l = pageRequest(request, '').lang;
      try {
        await setCouncilConsiderationDays(deps, {
          councilId,
          days: /^\d{1,4}$/.test(request.body.days) ? Number(request.body.days) : Number.NaN,
          actor: actorOf(request),
        });
      } catch (error) {
        const shown = problemOf(error) ?? pageError(error);
        if (!shown) throw error;
        return renderDays(request, reply, councilId, ERROR_STATUS[shown.code], shown);
      }
      return reply.redirect(`${daysPath(councilId)}?lang=${l}&done=saved`, 303);
    },
  );
}
