// The council's answer to a summary report's recommendations (issue 15 point 3; 8.1) and the annual gathering at which
// a yearly report is presented (7.2.4):
//   GET  /api/reports/:reportId/council-decisions   public (submitted reports)  each recommendation with the council's
//                                                   decisions, the sessions, the annual gathering
//   POST /api/reports/:reportId/council-decisions   staff of the council  record a session's decisions
//   PUT  /api/reports/:reportId/presentation        staff or the chair    choose the annual gathering (yearly reports)
// The report pages show the same through reportDecisionsSection and reportGatheringSection.
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { groupConsiderationDays, reportConsiderations } from '../../db/considerations';
import type { Database } from '../../db/database';
import type { GroupGathering, SummaryReport } from '../../db/summary-reports';
import { findReport } from '../../db/summary-reports';
import { considerationState } from '../../domain/council-consideration';
import type { IsoDate } from '../../domain/dates';
import type { Lang, Localized } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import { recordReportCouncilConsideration } from '../../procedures/recommendations/record-report-consideration';
import { reportPresentation, setReportPresentation } from '../../procedures/reports/report-presentation';
import { actorOf } from '../acts/common';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { engineAppError } from '../engine-errors';
import { ErrorSchema, Nullable } from '../schemas';
import { html, type Html } from '../ui/html';
import {
  considerationBody,
  ConsiderationView,
  RecommendationDecisionsView,
} from '../recommendations/consideration-schema';
import { postedConsideration, sendConsideration } from '../recommendations/consideration-reply';
import { decisionsTable, recommendationsWithDecisions } from '../recommendations/decisions-table';
import { D } from './decision-text';
import { requireReportRole } from './report-role';

const say = (text: Localized, lang: Lang, params: Record<string, string> = {}) =>
  Object.entries(params).reduce((s, [k, v]) => s.replace(`{${k}}`, v), text[lang]);

const ReportParams = Type.Object({ reportId: Type.String({ minLength: 1, maxLength: 200 }) });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

const ConsiderationBody = considerationBody('report');
const GatheringView = Type.Object({
  meetingId: Type.String(),
  scheduledOn: Type.String(),
  startsAt: Nullable(Type.String()),
  place: Nullable(Type.String()),
  status: Type.String(),
  chosen: Type.Boolean({ description: 'true: chosen by staff or the chair; false: the next one after the submission' }),
  noticeUrl: Nullable(Type.String({ description: "the gathering's public notice (7.2.4), once published" })),
});
const RecommendationsView = Type.Object({
  reportId: Type.String(),
  period: Type.String(),
  ...RecommendationDecisionsView,
  gathering: Nullable(GatheringView),
});

/** Each recommendation the report lists, with the council's decisions on it (oldest first) and the latest. */
export async function reportRecommendationsView(db: Kysely<Database>, report: SummaryReport) {
  const sessions = await reportConsiderations(db, report.id);
  const recommendations = recommendationsWithDecisions(report.texts.recommendations, sessions);
  return { recommendations, sessions };
}

/** The gathering's latest public notice (procedures/meetings/announced-meetings.ts names it), if published. */
async function gatheringNoticeUrl(db: Kysely<Database>, gathering: GroupGathering): Promise<string | null> {
  const meeting = await db.selectFrom('meetings').select('moves').where('id', '=', gathering.id).executeTakeFirst();
  const what =
    gathering.status === 'cancelled'
      ? 'cancelled'
      : meeting && meeting.moves > 0
        ? `moved-${meeting.moves}`
        : 'scheduled';
  const noticeId = `annual-gathering:${gathering.id}:${what}`;
  const notice = await db.selectFrom('notices').select('id').where('id', '=', noticeId).executeTakeFirst();
  return notice ? `/notices/${encodeURIComponent(noticeId)}/print` : null;
}

export interface ReportGathering {
  gathering: GroupGathering;
  chosen: boolean;
  noticeUrl: string | null;
}

/** 7.2.4: the annual gathering at which a yearly report is (to be) presented, with its public notice. */
export async function reportGathering(
  deps: { db: Kysely<Database>; now: () => number },
  report: SummaryReport,
): Promise<ReportGathering | null> {
  const gathering = await reportPresentation(deps, report);
  if (!gathering) return null;
  return {
    gathering,
    chosen: report.presentationMeetingId !== null,
    noticeUrl: await gatheringNoticeUrl(deps.db, gathering),
  };
}

/** The report's recommendations with the council's latest decision on each: the public report page's part. */
export async function reportDecisionsSection(
  db: Kysely<Database>,
  report: SummaryReport,
  lang: Lang,
  today: IsoDate,
): Promise<Html> {
  const { recommendations, sessions } = await reportRecommendationsView(db, report);
  if (recommendations.length === 0) return html`<h2>${D.recommendations[lang]}</h2><p>${D.noRecommendations[lang]}</p>`;
  let expected: Html | string = '';
  if (sessions.length === 0 && report.submittedOn !== null) {
    const days = await groupConsiderationDays(db, report.groupId);
    if (days !== null) {
      const state = considerationState(
        { issuedOn: report.submittedOn, recommendations: recommendations.length },
        [],
        days,
        today,
      );
      if (state.state === 'awaiting')
        expected = html`<p class="muted">${say(D.expectedBy, lang, { date: dmy(state.expectedBy) })}</p>`;
      else if (state.state === 'overdue')
        expected = html`<p class="warning">${say(D.overdue, lang, { date: dmy(state.expectedBy), days: String(state.daysOver) })}</p>`;
    }
  }
  return html`<section aria-labelledby="report-council-decisions">
<h2 id="report-council-decisions">${D.decisionsTitle[lang]}</h2>
${decisionsTable(recommendations, lang, {
  title: D.decisionsTitle[lang],
  recommendation: D.recommendation[lang],
  decision: D.decision[lang],
  notDecided: D.notDecided[lang],
})}
${expected}
${
  sessions.length === 0
    ? ''
    : html`<h3>${D.sessions[lang]}</h3><ul>${sessions.map((s) => html`<li>${say(D.sessionLine, lang, { date: dmy(s.sessionOn), item: s.agendaItem })}</li>`)}</ul>`
}
</section>`;
}

/** 7.2.4: the yearly report's annual gathering (date, place) with a link to its public notice; nothing for a half-year. */
export function reportGatheringSection(report: SummaryReport, g: ReportGathering | null, lang: Lang): Html | string {
  if (report.period.kind !== 'year') return '';
  const body =
    g === null
      ? html`<p>${D.gatheringNone[lang]}</p>`
      : html`<p>${say(D.gatheringAt, lang, {
          date: `${dmy(g.gathering.scheduledOn)}${g.gathering.startsAt ? `, ${g.gathering.startsAt}` : ''}`,
          place: g.gathering.place ?? D.placeUnknown[lang],
        })}${g.gathering.status === 'cancelled' ? html` ${D.gatheringCancelled[lang]}` : ''}</p>${
          g.noticeUrl ? html`<p><a href="${g.noticeUrl}?lang=${lang}">${D.gatheringNotice[lang]}</a></p>` : ''
        }`;
  return html`<section aria-labelledby="report-gathering"><h2 id="report-gathering">${D.gatheringTitle[lang]}</h2>${body}</section>`;
}

const gatheringJson = (g: ReportGathering | null) =>
  g === null
    ? null
    : {
        meetingId: g.gathering.id,
        scheduledOn: g.gathering.scheduledOn,
        startsAt: g.gathering.startsAt,
        place: g.gathering.place,
        status: g.gathering.status,
        chosen: g.chosen,
        noticeUrl: g.noticeUrl,
      };

export function reportDecisionRoutes(app: App, deps: AppDeps): void {
  const useCaseDeps = { db: deps.db, now: () => (deps.clock ?? Date.now)() };

  app.get(
    '/api/reports/:reportId/council-decisions',
    {
      schema: {
        summary:
          "A submitted report's recommendations with the council's decisions, and the annual gathering of a yearly report (public)",
        tags: ['reports'],
        params: ReportParams,
        response: { 200: RecommendationsView, 404: ErrorSchema },
      },
      config: { access: ['public'] },
    },
    async (request) => {
      const report = await findReport(deps.db, request.params.reportId);
      if (!report || report.status !== 'submitted')
        throw new AppError('not-found', `report ${request.params.reportId} does not exist or is not submitted`, {
          subject: request.params.reportId,
        });
      const view = await reportRecommendationsView(deps.db, report);
      return {
        reportId: report.id,
        period: report.periodKey,
        recommendations: view.recommendations.map((r) => ({ number: r.number, text: r.text, decisions: r.decisions })),
        sessions: view.sessions.map((s) => ({ sessionOn: s.sessionOn, agendaItem: s.agendaItem })),
        gathering: gatheringJson(await reportGathering(useCaseDeps, report)),
      };
    },
  );

  app.post(
    '/api/reports/:reportId/council-decisions',
    {
      schema: {
        summary:
          'Record the council session that considered a submitted report and its decision on each recommendation (staff)',
        tags: ['reports'],
        params: ReportParams,
        body: ConsiderationBody,
        response: { 200: ConsiderationView, 201: ConsiderationView, ...errors },
      },
      config: { access: ['staff'] },
      preValidation: requireReportRole(deps.db, ['staff']),
    },
    (request, reply) =>
      sendConsideration(reply, () =>
        recordReportCouncilConsideration(useCaseDeps, {
          reportId: request.params.reportId,
          ...postedConsideration(request.body),
          actor: actorOf(request),
        }),
      ),
  );

  app.put(
    '/api/reports/:reportId/presentation',
    {
      schema: {
        summary:
          "Choose the annual gathering (7.2.4) at which a yearly report is presented (staff or the group's chair)",
        tags: ['reports'],
        params: ReportParams,
        body: Type.Object(
          { meetingId: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ gathering: GatheringView, changed: Type.Boolean() }), ...errors },
      },
      config: { access: ['staff', 'chair'] },
      preValidation: requireReportRole(deps.db, ['staff', 'chair']),
    },
    async (request) => {
      try {
        const { changed } = await setReportPresentation(useCaseDeps, {
          reportId: request.params.reportId,
          meetingId: request.body.meetingId,
          actor: actorOf(request),
        });
        const report = (await findReport(deps.db, request.params.reportId))!;
        return { gathering: gatheringJson(await reportGathering(useCaseDeps, report))!, changed };
      } catch (error) {
        throw engineAppError(error) ?? error;
      }
    },
  );
}
