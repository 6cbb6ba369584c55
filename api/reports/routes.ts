// The group's summary reports (issue 15 point 2; 8.1; 7.2.4):
//   GET|POST /manage/groups/:groupId/reports   the group's reports; the chair or staff draft one for an ended period
//   GET|POST /manage/reports/:reportId         the draft: the counts from the record, the text parts, the submission
//   GET /groups/:groupId/reports, /reports/:reportId, /reports/:reportId/print   public (submitted reports only)
//   POST /api/groups/:groupId/reports, GET|PATCH /api/reports/:reportId, POST /api/reports/:reportId/submit,
//   PUT /api/councils/:councilId/report-due-days   the same as JSON
//   POST /manage/reports/:reportId/council-decisions, /manage/reports/:reportId/presentation   staff record the council's
//   decisions on a submitted report's recommendations; staff or the chair choose a yearly report's gathering (7.2.4)
// The JSON routes of the council's decisions and the gathering are in ./council-decisions.ts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { findGroupById } from '../../db/groups';
import {
  draftFacts,
  findReport,
  groupGatherings,
  listGroupReports,
  type SummaryReport,
} from '../../db/summary-reports';
import { recordReportCouncilConsideration } from '../../procedures/recommendations/record-report-consideration';
import { setReportPresentation } from '../../procedures/reports/report-presentation';
import { bishkekDateOf, compareDates, type IsoDate } from '../../domain/dates';
import type { Lang, Localized } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import {
  outcomeWord,
  periodBounds,
  periodKey,
  periodName,
  REPORT_DUE_DAYS_RANGE,
  REPORT_RECOMMENDATION_LIMITS,
  REPORT_TEXT_NAMES,
  REPORT_TEXT_PARTS,
  reportLabel,
  type Outcome,
  type ReportFacts,
  type ReportPeriod,
} from '../../domain/summary-report';
import { draftReport, editReport, setCouncilReportDueDays, submitReport } from '../../procedures/reports/report-steps';
import { actorOf, pageError } from '../acts/common';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireRole } from '../auth/require-role';
import { engineAppError } from '../engine-errors';
import { ERROR_STATUS } from '../error-status';
import { procedureDeps } from '../procedure-deps';
import { ErrorSchema } from '../schemas';
import { errorBox } from '../ui/error-page';
import { html, type Html } from '../ui/html';
import { csrfField, layout, scrollBox, type PageRequest } from '../ui/layout';
import { pageRequest, sendNotFound, sendPage } from '../ui/respond';
import {
  reportDecisionRoutes,
  reportDecisionsSection,
  reportGathering,
  reportGatheringSection,
  reportRecommendationsView,
} from './council-decisions';
import {
  chosenConsideration,
  decisionForm,
  NOTHING_TYPED,
  typedConsideration,
  type TypedConsideration,
} from '../recommendations/decision-form';
import { D } from './decision-text';
import { requireReportRole } from './report-role';
import { T } from './text';
import { councilDaysSettingRoute } from '../councils/days-setting-route';

const say = (text: Localized, lang: Lang, params: Record<string, string> = {}) =>
  Object.entries(params).reduce((s, [k, v]) => s.replace(`{${k}}`, v), text[lang]);

const READERS = ['staff', 'deputy', 'chair', 'member'] as const;
const WRITERS = ['chair', 'staff'] as const;
const GroupParams = Type.Object({ groupId: Type.String({ minLength: 1, maxLength: 200 }) });
const ReportParams = Type.Object({ reportId: Type.String({ minLength: 1, maxLength: 200 }) });
const ReportView = Type.Unknown({
  description:
    'The report: id, groupId, period, periodKey, start, end, due, status, texts (events, results, conclusions, recommendations), facts (counted now, frozen once submitted), submittedOn, noticeId, presentationMeetingId, councilDecisions (each recommendation with the council’s decisions), gathering (7.2.4: a yearly report’s annual gathering, or null)',
});
const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  503: ErrorSchema,
};
const TextsSchema = Type.Object(
  {
    ...Object.fromEntries(REPORT_TEXT_PARTS.map((p) => [p, Type.Optional(Type.String({ maxLength: 20_000 }))])),
    recommendations: Type.Optional(
      Type.Array(Type.String({ maxLength: REPORT_RECOMMENDATION_LIMITS.text }), {
        maxItems: REPORT_RECOMMENDATION_LIMITS.count,
        description: 'the recommendations to the council (8.1), numbered from 1 as listed; frozen on submission',
      }),
    ),
  },
  { additionalProperties: false },
);

const managePath = (groupId: string) => `/manage/groups/${encodeURIComponent(groupId)}/reports`;
const reportPath = (reportId: string) => `/manage/reports/${encodeURIComponent(reportId)}`;
const publicPath = (reportId: string) => `/reports/${encodeURIComponent(reportId)}`;

/** The periods that have ended, newest first, for the draft form: the last two half-years and the last year. */
function endedPeriods(today: IsoDate): ReportPeriod[] {
  const year = Number(today.slice(0, 4));
  const candidates: ReportPeriod[] = [
    { kind: 'half-year', year, half: 1 },
    { kind: 'year', year: year - 1 },
    { kind: 'half-year', year: year - 1, half: 2 },
    { kind: 'half-year', year: year - 1, half: 1 },
  ];
  return candidates.filter((p) => compareDates(today, periodBounds(p).end) > 0);
}

function outcomeRows(facts: ReportFacts, lang: Lang): { label: string; count: number }[] {
  const rows: { label: string; count: number }[] = [];
  const add = (title: string, record: Partial<Record<Outcome, number>>) => {
    for (const [o, n] of Object.entries(record) as [Outcome, number][])
      if (n > 0) rows.push({ label: `${title}: ${outcomeWord(o, lang)}`, count: n });
  };
  add(reportLabel('objectAnswers', lang), facts.objectAnswers);
  add(reportLabel('executiveReports', lang), facts.executiveReports);
  add(reportLabel('requests', lang), facts.requests);
  return rows;
}

/** The counts as an inline SVG bar chart (role="img", the numbers in its description) with the same numbers in a table. */
function factsView(facts: ReportFacts, lang: Lang): Html {
  const rows = outcomeRows(facts, lang);
  const max = Math.max(1, ...rows.map((r) => r.count));
  const width = 360;
  const barMax = 150;
  const height = 24 * rows.length + 8;
  const chart =
    rows.length === 0
      ? ''
      : html`<svg role="img" aria-labelledby="facts-title facts-desc" width="${String(width)}" height="${String(height)}" viewBox="0 0 ${String(width)} ${String(height)}">
<title id="facts-title">${T.chartTitle[lang]}</title><desc id="facts-desc">${rows.map((r) => `${r.label}: ${r.count}`).join('; ')}</desc>
${rows.map((r, i) => {
  const y = 4 + i * 24;
  const w = Math.round((r.count / max) * barMax);
  return html`<rect x="180" y="${String(y)}" width="${String(w)}" height="16" fill="#1565c0"></rect><text x="176" y="${String(y + 12)}" text-anchor="end" font-size="10">${r.label.length > 34 ? `${r.label.slice(0, 33)}…` : r.label}</text><text x="${String(184 + w)}" y="${String(y + 12)}" font-size="11">${String(r.count)}</text>`;
})}
</svg>`;
  const m = facts.meetings;
  return html`<ul>
<li>${reportLabel('meetings', lang)}: ${reportLabel('held', lang)} ${String(m.held)} (${reportLabel('quorate', lang)} ${String(m.quorate)}, ${reportLabel('notQuorate', lang)} ${String(m.notQuorate)})</li>
${facts.planItems ? html`<li>${reportLabel('planItems', lang)}: ${reportLabel('done', lang)} ${String(facts.planItems.done)}, ${reportLabel('notDone', lang)} ${String(facts.planItems.notDone)}, ${reportLabel('dropped', lang)} ${String(facts.planItems.dropped)}</li>` : ''}
<li>${reportLabel('acts', lang)}: ${reportLabel('issued', lang)} ${String(facts.acts.issued)}${facts.acts.byObject.length > 0 ? html` (${facts.acts.byObject.map((o) => `${o.object}: ${o.count}`).join('; ')})` : ''}</li>
</ul>
${chart}
${
  rows.length === 0
    ? html`<p>${T.noAnswers[lang]}</p>`
    : scrollBox(
        T.chartTitle[lang],
        html`<table>
<caption>${T.chartTitle[lang]}</caption>
<thead><tr><th scope="col">${T.what[lang]}</th><th scope="col">${T.count[lang]}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td>${r.label}</td><td>${String(r.count)}</td></tr>`)}</tbody>
</table>`,
      )
}`;
}

function textsView(report: SummaryReport, lang: Lang, withRecommendations = false): Html {
  const recommendations = report.texts.recommendations;
  return html`${REPORT_TEXT_PARTS.filter((p) => report.texts[p].trim() !== '').map(
    (p) => html`<h2>${REPORT_TEXT_NAMES[p][lang]}</h2><p class="prewrap">${report.texts[p]}</p>`,
  )}${
    withRecommendations && recommendations.length > 0
      ? html`<h2>${D.recommendations[lang]}</h2><ol>${recommendations.map((r) => html`<li class="prewrap">${r}</li>`)}</ol>`
      : ''
  }`;
}

/** The form's recommendations: one per paragraph (blank lines between them). */
const splitRecommendations = (text: string | undefined): string[] | undefined =>
  text === undefined
    ? undefined
    : text
        .replace(/\r\n/g, '\n')
        .split(/\n\s*\n/)
        .map((r) => r.trim())
        .filter((r) => r !== '');

const title = (report: SummaryReport, lang: Lang) => `${T.reportTitle[lang]}: ${periodName(report.period, lang)}`;

export function reportRoutes(app: App, deps: AppDeps): void {
  const today = () => bishkekDateOf((deps.clock ?? Date.now)());
  const problemOf = (error: unknown) => engineAppError(error);

  // ---- JSON ----
  const useCaseDeps = { db: deps.db, now: () => (deps.clock ?? Date.now)() };
  const view = async (report: SummaryReport) => {
    const council = await reportRecommendationsView(deps.db, report);
    const g = await reportGathering(useCaseDeps, report);
    return {
      ...report,
      facts: report.facts ?? (await draftFacts(deps.db, report.groupId, report.period, today())),
      // Each recommendation with the council's decisions (issue 15 point 3); 7.2.4: a yearly report's gathering.
      councilDecisions: council.recommendations.map((r) => ({
        number: r.number,
        text: r.text,
        decisions: r.decisions,
      })),
      gathering: g && {
        meetingId: g.gathering.id,
        scheduledOn: g.gathering.scheduledOn,
        place: g.gathering.place,
        chosen: g.chosen,
        noticeUrl: g.noticeUrl,
      },
    };
  };

  app.post(
    '/api/groups/:groupId/reports',
    {
      schema: {
        summary: "Draft the group's report of an ended half-year (YYYY-H1, YYYY-H2) or year (YYYY)",
        tags: ['reports'],
        params: GroupParams,
        body: Type.Object({ period: Type.String({ maxLength: 10 }) }, { additionalProperties: false }),
        response: { 200: ReportView, 201: ReportView, ...errors },
      },
      config: { access: [...WRITERS] },
      preValidation: requireRole(deps.db, WRITERS),
    },
    async (request, reply) => {
      try {
        const { report, created } = await draftReport(procedureDeps(deps, request.log), {
          groupId: request.params.groupId,
          period: request.body.period,
          actor: actorOf(request),
        });
        return reply.code(created ? 201 : 200).send(await view(report));
      } catch (error) {
        throw problemOf(error) ?? error;
      }
    },
  );

  app.get(
    '/api/reports/:reportId',
    {
      schema: {
        summary: 'A summary report with its counts',
        tags: ['reports'],
        params: ReportParams,
        response: { 200: ReportView, ...errors },
      },
      config: { access: [...READERS] },
      preValidation: requireReportRole(deps.db, READERS),
    },
    async (request) => view((await findReport(deps.db, request.params.reportId))!),
  );

  app.patch(
    '/api/reports/:reportId',
    {
      schema: {
        summary: "The report's text parts (events, results, conclusions) and recommendations while it is a draft",
        tags: ['reports'],
        params: ReportParams,
        body: Type.Object({ texts: TextsSchema }, { additionalProperties: false }),
        response: { 200: ReportView, ...errors },
      },
      config: { access: [...WRITERS] },
      preValidation: requireReportRole(deps.db, WRITERS),
    },
    async (request) => {
      try {
        return await view(
          await editReport(deps, {
            reportId: request.params.reportId,
            texts: request.body.texts,
            actor: actorOf(request),
          }),
        );
      } catch (error) {
        throw problemOf(error) ?? error;
      }
    },
  );

  app.post(
    '/api/reports/:reportId/submit',
    {
      schema: {
        summary:
          'Submit the report: the counts are frozen, it is mailed to the executive body and the council and published',
        tags: ['reports'],
        params: ReportParams,
        response: {
          200: Type.Object({
            submittedOn: Type.String(),
            late: Type.Boolean(),
            noticeId: Type.String(),
            mailed: Type.Integer(),
          }),
          ...errors,
        },
      },
      config: { access: ['chair'] },
      preValidation: requireReportRole(deps.db, ['chair']),
    },
    async (request) => {
      try {
        return await submitReport(procedureDeps(deps, request.log), {
          reportId: request.params.reportId,
          actor: actorOf(request),
        });
      } catch (error) {
        throw problemOf(error) ?? error;
      }
    },
  );

  councilDaysSettingRoute(app, deps, {
    url: '/api/councils/:councilId/report-due-days',
    summary: "Days after a period's end the group's report is due (the council's own; not statutory)",
    range: REPORT_DUE_DAYS_RANGE,
    set: (input) => setCouncilReportDueDays(deps, input),
  });

  // ---- staff and chair pages ----

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    groupId: string,
    status: number,
    error: AppError | null,
  ) {
    const page = pageRequest(request, managePath(groupId));
    const l = page.lang;
    const group = await findGroupById(deps.db, groupId);
    if (!group) return sendNotFound(reply, page);
    const reports = await listGroupReports(deps.db, groupId);
    const mayWrite = page.auth?.role === 'chair' || page.auth?.role === 'staff';
    const drafted = new Set(reports.map((r) => r.periodKey));
    const open = endedPeriods(today()).filter((p) => !drafted.has(periodKey(p)));
    const table =
      reports.length === 0
        ? html`<p>${T.none[l]}</p>`
        : scrollBox(
            T.manageTitle[l],
            html`<table>
<thead><tr><th scope="col">${T.period[l]}</th><th scope="col">${T.dueCol[l]}</th><th scope="col">${T.status[l]}</th></tr></thead>
<tbody>${reports.map(
              (r) =>
                html`<tr><td><a href="${reportPath(r.id)}?lang=${l}">${periodName(r.period, l)}</a></td><td>${dmy(r.due)}</td><td>${r.status === 'submitted' ? say(T.submitted, l, { date: dmy(r.submittedOn!) }) : T.draft[l]}</td></tr>`,
            )}</tbody></table>`,
          );
    const form =
      mayWrite && open.length > 0
        ? html`<h2>${T.draftNew[l]}</h2>${error ? errorBox(page, error) : ''}
<form method="post" action="${managePath(groupId)}?lang=${l}">${csrfField(page)}
<label for="period">${T.period[l]}</label>
<select id="period" name="period">${open.map((p) => html`<option value="${periodKey(p)}">${periodName(p, l)}</option>`)}</select>
<button type="submit">${T.draftButton[l]}</button></form>`
        : error
          ? errorBox(page, error)
          : '';
    return sendPage(
      reply,
      page,
      status,
      layout(
        page,
        T.manageTitle[l],
        html`<p class="muted">${T.intro[l]}</p>${table}${form}
<p><a href="/groups/${encodeURIComponent(groupId)}/reports?lang=${l}">${T.publicTitle[l]}</a></p>`,
      ),
    );
  }

  app.get(
    '/manage/groups/:groupId/reports',
    {
      schema: { hide: true, params: GroupParams },
      config: { access: [...READERS], page: true },
      preValidation: requireRole(deps.db, READERS),
    },
    (request, reply) => renderList(request, reply, request.params.groupId, 200, null),
  );

  app.post(
    '/manage/groups/:groupId/reports',
    {
      schema: {
        hide: true,
        params: GroupParams,
        body: Type.Object({
          _csrf: Type.Optional(Type.String({ maxLength: 200 })),
          period: Type.String({ maxLength: 10 }),
        }),
      },
      config: { access: [...WRITERS], page: true },
      preValidation: requireRole(deps.db, WRITERS),
    },
    async (request, reply) => {
      const l = pageRequest(request, '').lang;
      try {
        const { report } = await draftReport(procedureDeps(deps, request.log), {
          groupId: request.params.groupId,
          period: request.body.period,
          actor: actorOf(request),
        });
        return reply.redirect(`${reportPath(report.id)}?lang=${l}`, 303);
      } catch (error) {
        const shown = problemOf(error) ?? pageError(error);
        if (!shown) throw error;
        return renderList(request, reply, request.params.groupId, ERROR_STATUS[shown.code], shown);
      }
    },
  );

  /** Staff record the council session that considered a submitted report and its decision on each recommendation. */
  function reportDecisionForm(
    page: PageRequest,
    report: SummaryReport,
    error: AppError | null,
    typed: TypedConsideration,
  ): Html | string {
    const l = page.lang;
    const recommendations = report.texts.recommendations;
    if (recommendations.length === 0) return '';
    return decisionForm(page, {
      action: `${reportPath(report.id)}/council-decisions`,
      today: today(),
      recommendations,
      words: {
        title: D.record[l],
        sessionOn: D.sessionOn[l],
        agendaItem: D.agendaItem[l],
        recommendation: D.recommendation[l],
        decision: D.decision[l],
        choose: D.choose[l],
        text: D.text[l],
        submit: D.submitDecision[l],
      },
      error,
      typed,
    });
  }

  /** 7.2.4: staff or the chair choose the annual gathering of a yearly report (default: the next one). */
  async function presentationForm(page: PageRequest, report: SummaryReport, error: AppError | null): Promise<Html> {
    const l = page.lang;
    const gatherings = (await groupGatherings(deps.db, report.groupId)).filter(
      (g) => g.status !== 'cancelled' && compareDates(g.scheduledOn, report.end) > 0,
    );
    return html`${error ? errorBox(page, error) : ''}${
      gatherings.length === 0
        ? ''
        : html`<form method="post" action="${reportPath(report.id)}/presentation?lang=${l}">${csrfField(page)}
<label for="meetingId">${D.gatheringChoose[l]}</label>
<select id="meetingId" name="meetingId">${gatherings.map((g) =>
            g.id === report.presentationMeetingId
              ? html`<option value="${g.id}" selected>${dmy(g.scheduledOn)}${g.place ? `, ${g.place}` : ''}</option>`
              : html`<option value="${g.id}">${dmy(g.scheduledOn)}${g.place ? `, ${g.place}` : ''}</option>`,
          )}</select>
<button type="submit">${D.gatheringSave[l]}</button></form>`
    }`;
  }

  async function renderReport(
    request: FastifyRequest,
    reply: FastifyReply,
    reportId: string,
    status: number,
    error: AppError | null,
    where: 'texts' | 'decisions' | 'presentation' = 'texts',
    typed: TypedConsideration = NOTHING_TYPED,
  ) {
    const page = pageRequest(request, reportPath(reportId));
    const l = page.lang;
    const report = await findReport(deps.db, reportId);
    if (!report) return sendNotFound(reply, page);
    const facts = report.facts ?? (await draftFacts(deps.db, report.groupId, report.period, today()));
    const role = page.auth?.role;
    const editable = report.status === 'draft' && (role === 'chair' || role === 'staff');
    const done = (request.query as { done?: string }).done;
    const note =
      done === 'saved' || done === 'sent' || done === 'decided'
        ? html`<p class="notice" role="status">${done === 'saved' ? T.saved[l] : done === 'decided' ? D.recorded[l] : T.sent[l]}</p>`
        : '';
    const state =
      report.status === 'submitted'
        ? html`<p>${say(T.submitted, l, { date: dmy(report.submittedOn!) })} · <a href="${publicPath(report.id)}?lang=${l}">${T.publicTitle[l]}</a> · <a href="${publicPath(report.id)}/print?lang=${l}">${T.print[l]}</a></p>`
        : html`<p>${say(T.due, l, { date: dmy(report.due) })}</p>`;
    const form = editable
      ? html`${error && where === 'texts' ? errorBox(page, error) : ''}<form method="post" action="${reportPath(report.id)}?lang=${l}">${csrfField(page)}
${REPORT_TEXT_PARTS.map(
  (p) =>
    html`<label for="${p}">${REPORT_TEXT_NAMES[p][l]}</label><textarea id="${p}" name="${p}" rows="5" maxlength="20000">${report.texts[p]}</textarea>`,
)}
<label for="recommendations">${D.recommendations[l]}</label><p class="muted" id="recommendations-hint">${D.recommendationsHint[l]}</p>
<textarea id="recommendations" name="recommendations" rows="6" maxlength="200000" aria-describedby="recommendations-hint">${report.texts.recommendations.join('\n\n')}</textarea>
<button type="submit" name="action" value="save">${T.save[l]}</button>
${role === 'chair' ? html`<p class="muted">${T.submitHint[l]}</p><button type="submit" name="action" value="submit">${T.submit[l]}</button>` : ''}
</form>`
      : textsView(report, l, report.status === 'draft');
    const council =
      report.status === 'submitted'
        ? html`${await reportDecisionsSection(deps.db, report, l, today())}${
            role === 'staff' ? reportDecisionForm(page, report, where === 'decisions' ? error : null, typed) : ''
          }`
        : '';
    const gathering = html`${reportGatheringSection(report, await reportGathering(useCaseDeps, report), l)}${
      (role === 'staff' || role === 'chair') && report.period.kind === 'year'
        ? await presentationForm(page, report, where === 'presentation' ? error : null)
        : ''
    }`;
    return sendPage(
      reply,
      page,
      status,
      layout(
        page,
        title(report, l),
        html`${note}${state}<h2>${say(T.countsAsOf, l, { date: dmy(facts.countedOn) })}</h2>${factsView(facts, l)}${form}${council}${gathering}
<p><a href="${managePath(report.groupId)}?lang=${l}">${T.manageTitle[l]}</a></p>`,
      ),
    );
  }

  app.get(
    '/manage/reports/:reportId',
    {
      schema: { hide: true, params: ReportParams },
      config: { access: [...READERS], page: true },
      preValidation: requireReportRole(deps.db, READERS),
    },
    (request, reply) => renderReport(request, reply, request.params.reportId, 200, null),
  );

  app.post(
    '/manage/reports/:reportId',
    {
      schema: {
        hide: true,
        params: ReportParams,
        body: Type.Object({
          _csrf: Type.Optional(Type.String({ maxLength: 200 })),
          action: Type.Optional(Type.String({ maxLength: 10 })),
          events: Type.Optional(Type.String({ maxLength: 20_000 })),
          results: Type.Optional(Type.String({ maxLength: 20_000 })),
          conclusions: Type.Optional(Type.String({ maxLength: 20_000 })),
          recommendations: Type.Optional(Type.String({ maxLength: 200_000 })),
        }),
      },
      config: { access: [...WRITERS], page: true },
      preValidation: requireReportRole(deps.db, WRITERS),
    },
    async (request, reply) => {
      const { reportId } = request.params;
      const b = request.body;
      const l = pageRequest(request, '').lang;
      const submitting = b.action === 'submit';
      try {
        if (submitting && request.auth?.account.role !== 'chair')
          throw new AppError('forbidden', 'only the chair submits');
        await editReport(deps, {
          reportId,
          texts: {
            events: b.events,
            results: b.results,
            conclusions: b.conclusions,
            recommendations: splitRecommendations(b.recommendations),
          },
          actor: actorOf(request),
        });
        if (submitting) await submitReport(procedureDeps(deps, request.log), { reportId, actor: actorOf(request) });
      } catch (error) {
        const shown = problemOf(error) ?? pageError(error) ?? (error instanceof AppError ? error : null);
        if (!shown) throw error;
        return renderReport(request, reply, reportId, ERROR_STATUS[shown.code], shown);
      }
      return reply.redirect(`${reportPath(reportId)}?lang=${l}&done=${submitting ? 'sent' : 'saved'}`, 303);
    },
  );

  app.post(
    '/manage/reports/:reportId/council-decisions',
    {
      schema: {
        hide: true,
        params: ReportParams,
        body: Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 4000 }), { maxProperties: 200 }),
      },
      config: { access: ['staff'], page: true },
      preValidation: requireReportRole(deps.db, ['staff']),
    },
    async (request, reply) => {
      const { reportId } = request.params;
      const typed = typedConsideration(request.body);
      const l = pageRequest(request, '').lang;
      try {
        await recordReportCouncilConsideration(useCaseDeps, {
          reportId,
          ...chosenConsideration(typed),
          actor: actorOf(request),
        });
      } catch (error) {
        const shown = problemOf(error) ?? pageError(error);
        if (!shown) throw error;
        return renderReport(request, reply, reportId, ERROR_STATUS[shown.code], shown, 'decisions', typed);
      }
      return reply.redirect(`${reportPath(reportId)}?lang=${l}&done=decided`, 303);
    },
  );

  app.post(
    '/manage/reports/:reportId/presentation',
    {
      schema: {
        hide: true,
        params: ReportParams,
        body: Type.Object({
          _csrf: Type.Optional(Type.String({ maxLength: 200 })),
          meetingId: Type.String({ maxLength: 200 }),
        }),
      },
      config: { access: ['staff', 'chair'], page: true },
      preValidation: requireReportRole(deps.db, ['staff', 'chair']),
    },
    async (request, reply) => {
      const { reportId } = request.params;
      const l = pageRequest(request, '').lang;
      try {
        await setReportPresentation(useCaseDeps, {
          reportId,
          meetingId: request.body.meetingId,
          actor: actorOf(request),
        });
      } catch (error) {
        const shown = problemOf(error) ?? pageError(error);
        if (!shown) throw error;
        return renderReport(request, reply, reportId, ERROR_STATUS[shown.code], shown, 'presentation');
      }
      return reply.redirect(`${reportPath(reportId)}?lang=${l}&done=saved`, 303);
    },
  );

  // ---- public ----

  app.get(
    '/groups/:groupId/reports',
    {
      schema: {
        hide: true,
        params: GroupParams,
        querystring: Type.Object({ lang: Type.Optional(Type.String({ maxLength: 10 })) }),
      },
      config: { access: ['public'], page: true },
    },
    async (request, reply) => {
      const page = pageRequest(request, `/groups/${encodeURIComponent(request.params.groupId)}/reports`);
      const l = page.lang;
      if (!(await findGroupById(deps.db, request.params.groupId))) return sendNotFound(reply, page);
      const reports = await listGroupReports(deps.db, request.params.groupId, { submittedOnly: true });
      const body =
        reports.length === 0
          ? html`<p>${T.none[l]}</p>`
          : html`<ul>${await Promise.all(
              reports.map(async (r) => {
                // 7.2.4: a yearly report names the annual gathering at which it is presented.
                const g = await reportGathering(useCaseDeps, r);
                const at = g
                  ? html`; ${D.gatheringTitle[l]}: ${dmy(g.gathering.scheduledOn)}${g.gathering.place ? `, ${g.gathering.place}` : ''}`
                  : '';
                return html`<li><a href="${publicPath(r.id)}?lang=${l}">${periodName(r.period, l)}</a> (${say(T.submitted, l, { date: dmy(r.submittedOn!) })}${at})</li>`;
              }),
            )}</ul>`;
      return sendPage(
        reply,
        page,
        200,
        layout(page, T.publicTitle[l], html`<p class="muted">${T.intro[l]}</p>${body}`),
      );
    },
  );

  const publicReport = (print: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const { reportId } = request.params as { reportId: string };
    const page = pageRequest(request, `${publicPath(reportId)}${print ? '/print' : ''}`);
    const l = page.lang;
    const report = await findReport(deps.db, reportId);
    if (!report || report.status !== 'submitted' || !report.facts) return sendNotFound(reply, page);
    const body = html`<p>${say(T.submitted, l, { date: dmy(report.submittedOn!) })}; ${dmy(report.start)} – ${dmy(report.end)}</p>
${factsView(report.facts, l)}${textsView(report, l)}
${await reportDecisionsSection(deps.db, report, l, today())}
${reportGatheringSection(report, await reportGathering(useCaseDeps, report), l)}
${print ? '' : html`<p class="noprint"><a href="${publicPath(report.id)}/print?lang=${l}">${T.print[l]}</a></p>`}`;
    return sendPage(reply, page, 200, layout(page, title(report, l), body));
  };

  app.get(
    '/reports/:reportId',
    { schema: { hide: true, params: ReportParams }, config: { access: ['public'], page: true } },
    publicReport(false),
  );
  app.get(
    '/reports/:reportId/print',
    { schema: { hide: true, params: ReportParams }, config: { access: ['public'], page: true } },
    publicReport(true),
  );

  reportDecisionRoutes(app, deps);
}
