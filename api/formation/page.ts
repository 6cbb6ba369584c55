// /manage/groups/:groupId/formation: the formation (5.3, 5.4) step by step. Every step with its clause, its deadline
// (days left or overdue, counted in working days on the council's calendar) and whether it is done; what is still
// missing before the next step (the workflow's own checks, run on its state); the composition arithmetic; the
// obligations, candidates and protocols; and for staff the form(s) of the current step. Each form posts to
// /manage/groups/:groupId/formation/<step>, which sends the update through the engine and redirects back (303), or
// shows the page again with the refusal (400/409) and what was typed. Without the engine the page is read from the
// database and every post answers 503 in the page.
import { clauseText, daysLeftText } from '../../domain/obligation-messages';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { findCouncilById, type Council } from '../../db/councils';
import { findGroupById, type Group } from '../../db/groups';
import { calendarForCouncil, daysLeftOn, workingDayCounter } from '../../db/pending';
import type { Calendar } from '../../domain/calendar';
import { formatDay } from '../../domain/calendar-format';
import { bishkekDateOf, type IsoDate } from '../../domain/dates';
import { isObligationKey, OBLIGATIONS } from '../../domain/deadlines';
import { dmy } from '../../domain/messages';
import { formationDecisionNote } from '../public/composition-decision';
import { formatBirthDate } from '../../domain/roster';
import type { FormationState, FormationStep } from '../../workflows/formation/contract';
import { checkRecordCouncilDecision } from '../../domain/formation-checks';
import type { Problem } from '../../domain/problem';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireRole } from '../auth/require-role';
import { EngineUnavailableError, ProcedureNotFoundError, unavailableEngine } from '../../procedures/engine';
import { toAppError } from '../error-handler';
import { ERROR_STATUS } from '../error-status';
import { msg, type MessageKey } from '../ui/messages';
import { actorOf } from './routes';
import { formationState, recordFormationStep } from '../../procedures/formation/record-step';
import { restartFormation } from '../../procedures/formation/start-formation';
import { procedureDeps } from '../procedure-deps';
import { FORMATION_STEP_NAMES, type FormationStepName } from './steps';
import { errorBox } from '../ui/error-page';
import {
  buildInput,
  formValues,
  LIST_STEPS,
  multipartValues,
  oneForm,
  restartForm,
  stepForms,
  type FormState,
  type FormValues,
} from './forms';
import { compositionCureNote } from '../membership/composition-cure-view';
import { loadDbFormationView, type CandidateRow, type ObligationRow } from './db-view';
import { html, type Html } from '../ui/html';
import { layout, manageLink, scrollBox, type PageRequest } from '../ui/layout';
import { pageRequest, sendPage } from '../ui/respond';

const DEFAULT_ROWS = 3;

export const formationPath = (groupId: string) => `/manage/groups/${encodeURIComponent(groupId)}/formation`;

interface RenderOptions {
  status: number;
  error?: AppError | null;
  kept?: { step: FormationStepName | 'start'; values: FormValues } | null;
  done?: string | null;
  rows?: number;
  /** A CSV upload's rows kept as written (item 8: a phone that is not valid, an empty village), shown with the confirmation. */
  warnings?: readonly Problem[];
}

/** One line of the step-by-step overview. */
interface StepLine {
  key:
    | 'formation-notice'
    | 'staff-candidates'
    | 'deputy-members'
    | 'gathering'
    | 'decision'
    | 'meeting'
    | 'creation-notice'
    | 'first-meeting';
  clause: string;
  /** The obligation whose due date is this step's deadline. */
  obligation: string | null;
  /** What was recorded, or null while not done. */
  done: string | null;
}

const t = (page: PageRequest, key: MessageKey, params: Record<string, string> = {}) => msg(page.lang, key, params);
const time = (page: PageRequest, date: IsoDate) => html`<time datetime="${date}">${dmy(date)}</time>`;

function stepLines(page: PageRequest, s: FormationState): StepLine[] {
  const d = (date: IsoDate) => dmy(date);
  return [
    {
      key: 'formation-notice',
      clause: '5.4.1',
      obligation: 'formation-notice',
      done: s.formationNotice ? d(s.formationNotice.publishedOn) : null,
    },
    {
      key: 'staff-candidates',
      clause: '5.4.2',
      obligation: 'staff-candidates',
      done: s.staffCandidatesOn ? d(s.staffCandidatesOn) : null,
    },
    {
      key: 'deputy-members',
      clause: '5.4.3',
      obligation: 'deputy-members',
      done: s.deputyMembersOn ? d(s.deputyMembersOn) : null,
    },
    {
      key: 'gathering',
      clause: '5.4.4',
      obligation: null,
      done: s.protocols.length > 0 ? s.protocols.map((p) => `${p.protocolRef} (${d(p.heldOn)})`).join('; ') : null,
    },
    {
      key: 'decision',
      clause: '5.4.5',
      obligation: null,
      done: s.decision ? `${d(s.decision.decidedOn)}, № ${s.decision.resolutionNumber}` : null,
    },
    {
      key: 'meeting',
      clause: '5.3.2',
      obligation: 'first-meeting',
      done: s.meeting ? `${d(s.meeting.date)} ${s.meeting.time}, ${s.meeting.place}` : null,
    },
    {
      key: 'creation-notice',
      clause: '5.3.3, 5.4.7',
      obligation: 'creation-notice',
      done: s.creationNotice ? d(s.creationNotice.publishedOn) : null,
    },
    {
      key: 'first-meeting',
      clause: '5.4.6',
      obligation: 'first-meeting',
      done: s.firstMeeting ? `${d(s.firstMeeting.heldOn)}: ${s.firstMeeting.chair.fullName}` : null,
    },
  ];
}

function obligationRows(state: FormationState): ObligationRow[] {
  return state.obligations.map((o) => ({
    key: o.key,
    clause: o.clause,
    party: o.party,
    anchor: o.anchor,
    due: o.due,
    status: o.fulfilled ? (o.fulfilled.late ? 'met-late' : 'met') : o.escalated ? 'escalated' : 'open',
    metOn: o.fulfilled?.on ?? null,
  }));
}

function candidateRows(state: FormationState): CandidateRow[] {
  return state.candidates.map((c) => ({
    candidateId: c.candidateId,
    fullName: c.fullName,
    sex: c.sex,
    birthDate: formatBirthDate(c.birthDate),
    category: c.category,
    source: c.source,
    nominatedOn: c.nominatedOn,
    votes: c.votes,
    village: c.village,
    phone: c.phone,
    email: c.email,
    dataErased: false,
  }));
}

/** "5 working days left" / "overdue by 2 working days" / "met on …", counted as the pending list counts. */
function dueText(page: PageRequest, o: ObligationRow, today: IsoDate, calendar: Calendar): Html {
  if (o.status === 'met' || o.status === 'met-late') {
    const on = o.metOn
      ? t(page, o.status === 'met' ? 'formation.due.metOn' : 'formation.due.metLateOn', {
          date: dmy(o.metOn),
        })
      : t(page, 'formation.due.met');
    return html`<span>${on}</span>`;
  }
  if (o.status === 'closed' || o.status === 'cancelled')
    return html`<span>${t(page, `formation.obligationStatus.${o.status}`)}</span>`;
  if (o.due === null) return html`<span class="muted">${t(page, 'formation.due.unknown')}</span>`;
  const rule = isObligationKey(o.key) ? OBLIGATIONS[o.key].rule : null;
  const days = daysLeftOn(rule, o.due, today, workingDayCounter(calendar, [today, o.due]));
  const escalated =
    o.status === 'escalated' ? html` <span class="overdue">${t(page, 'formation.due.escalated')}</span>` : '';
  if (days.left < 0) return html`<span class="overdue">${daysLeftText(page.lang, days)}</span>${escalated}`;
  if (days.calendar === 0) return html`<strong>${daysLeftText(page.lang, { ...days, left: 0 })}</strong>${escalated}`;
  return html`<span>${daysLeftText(page.lang, days)}</span>${escalated}`;
}

function obligationTitle(page: PageRequest, key: string): string {
  return isObligationKey(key) ? OBLIGATIONS[key].title[page.lang] : key;
}

function obligationsTable(page: PageRequest, rows: ObligationRow[], today: IsoDate, calendar: Calendar): Html {
  if (rows.length === 0) return html`<p>${t(page, 'formation.obligations.none')}</p>`;
  return scrollBox(
    t(page, 'formation.obligations.title'),
    html`<table>
<thead><tr><th scope="col">${t(page, 'formation.col.clause')}</th><th scope="col">${t(page, 'formation.col.obligation')}</th><th scope="col">${t(page, 'formation.col.countedFrom')}</th><th scope="col">${t(page, 'formation.col.due')}</th><th scope="col">${t(page, 'formation.col.status')}</th></tr></thead>
<tbody>${rows.map(
      (o) =>
        html`<tr><td>${o.clause}</td><td>${obligationTitle(page, o.key)}</td><td>${time(page, o.anchor)}</td><td>${o.due ? html`<time datetime="${o.due}">${formatDay(page.lang, o.due)}</time>` : '—'}</td><td>${dueText(page, o, today, calendar)}</td></tr>`,
    )}</tbody></table>`,
  );
}

function candidatesTable(page: PageRequest, rows: CandidateRow[], staff: boolean): Html {
  if (rows.length === 0) return html`<p>${t(page, 'formation.candidates.none')}</p>`;
  return html`${scrollBox(
    t(page, 'formation.candidates.title'),
    html`<table>
<thead><tr><th scope="col">№</th><th scope="col">${t(page, 'formation.col.name')}</th><th scope="col">${t(page, 'formation.col.category')}</th><th scope="col">${t(page, 'formation.col.source')}</th><th scope="col">${t(page, 'formation.col.votes')}</th><th scope="col">${t(page, 'formation.col.nominatedOn')}</th>${staff ? html`<th scope="col">${t(page, 'formation.col.birthDate')}</th><th scope="col">${t(page, 'formation.col.phone')}</th><th scope="col">${t(page, 'formation.col.email')}</th>` : ''}</tr></thead>
<tbody>${rows.map(
      (c, i) =>
        html`<tr><td>${i + 1}</td><td>${c.fullName} <span class="muted">(${t(page, `formation.sex.${c.sex}`)})</span></td><td>${msg(page.lang, `category.${c.category}`)}</td><td>${t(page, `formation.source.${c.source}`)}</td><td>${c.votes ?? '—'}</td><td>${time(page, c.nominatedOn)}</td>${staff ? (c.dataErased ? html`<td class="muted">${t(page, 'person.dataErased')}</td><td class="muted">${t(page, 'person.dataErased')}</td><td class="muted">${t(page, 'person.dataErased')}</td>` : html`<td>${c.birthDate ?? ''}</td><td>${c.phone ?? ''}</td><td>${c.email ?? ''}</td>`) : ''}</tr>`,
    )}</tbody></table>`,
  )}${staff ? html`<p class="muted">${t(page, 'formation.candidates.personalData')}</p>` : ''}`;
}

function stepsOverview(
  page: PageRequest,
  lines: StepLine[],
  current: StepLine['key'] | null,
  obligations: ObligationRow[],
  today: IsoDate,
  calendar: Calendar,
): Html {
  return scrollBox(
    t(page, 'formation.steps.title'),
    html`<table>
<thead><tr><th scope="col">${t(page, 'formation.col.step')}</th><th scope="col">${t(page, 'formation.col.clause')}</th><th scope="col">${t(page, 'formation.col.deadline')}</th><th scope="col">${t(page, 'formation.col.status')}</th></tr></thead>
<tbody>${lines.map((l) => {
      const o = l.obligation ? obligations.find((x) => x.key === l.obligation) : undefined;
      const deadline = o?.due
        ? html`<time datetime="${o.due}">${formatDay(page.lang, o.due)}</time><br>${l.done === null ? dueText(page, o, today, calendar) : ''}`
        : html`<span class="muted">${t(page, !l.obligation ? 'formation.due.none' : l === lines[0] ? 'formation.due.unknown' : 'formation.due.notYet')}</span>`;
      const status =
        l.done !== null
          ? html`✓ ${l.done}`
          : l.key === current
            ? html`<strong>${t(page, 'formation.stepStatus.current')}</strong>`
            : html`<span class="muted">${t(page, 'formation.stepStatus.pending')}</span>`;
      return html`<tr${l.key === current ? html` aria-current="step"` : ''}><td>${t(page, `formation.line.${l.key}`)}</td><td>${l.clause}</td><td>${deadline}</td><td>${status}</td></tr>`;
    })}</tbody></table>`,
  );
}

/** The rows of an uploaded file kept as written, each naming its row, the person and the value kept. */
function uploadWarnings(page: PageRequest, warnings: readonly Problem[]): Html {
  return html`<div class="notice" role="status"><p>${t(page, 'formation.done.warnings')}</p><ul>${warnings.map(
    (w) =>
      html`<li>${w.message[page.lang]}${w.clause ? html` <span class="muted">(${clauseText(page.lang, w.clause)})</span>` : ''}</li>`,
  )}</ul></div>`;
}

/** What must still happen before the current step can be done (the workflow's own checks on its state). */
function stillMissing(page: PageRequest, state: FormationState): Html {
  const items: Html[] = [];
  const due = (key: string) => state.obligations.find((o) => o.key === key)?.due ?? null;
  const dueHtml = (key: string) => {
    const d = due(key);
    return d ? html` — ${t(page, 'formation.missing.dueBy', { date: formatDay(page.lang, d) })}` : '';
  };
  switch (state.step) {
    case 'formation-notice':
      items.push(html`<li>${t(page, 'formation.missing.formationNotice')} (5.4.1)${dueHtml('formation-notice')}</li>`);
      break;
    case 'nominations':
    case 'council-decision': {
      const problems = checkRecordCouncilDecision(
        state,
        { decidedOn: state.today, resolutionNumber: '—' },
        { today: state.today },
      ).filter((p) => ['steps', 'candidates', 'composition'].includes(p.field));
      for (const p of problems)
        items.push(
          html`<li>${p.message[page.lang]}${p.clause ? html` <span class="muted">(${clauseText(page.lang, p.clause)})</span>` : ''}</li>`,
        );
      if (problems.length === 0) items.push(html`<li>${t(page, 'formation.missing.readyForDecision')} (5.4.5)</li>`);
      break;
    }
    case 'first-meeting-scheduling':
      items.push(html`<li>${t(page, 'formation.missing.meeting')} (5.3.2)${dueHtml('first-meeting')}</li>`);
      break;
    case 'creation-notice':
      items.push(
        html`<li>${t(page, 'formation.missing.creationNotice')} (5.3.3, 5.4.7)${dueHtml('creation-notice')}</li>`,
      );
      break;
    case 'first-meeting':
      items.push(
        html`<li>${t(page, 'formation.missing.firstMeeting', { date: state.meeting ? formatDay(page.lang, state.meeting.date) : '' })} (5.4.6, 7.2.3)${dueHtml('first-meeting')}</li>`,
      );
      break;
    case 'handed-over':
      items.push(html`<li>${t(page, 'formation.missing.none')}</li>`);
      break;
  }
  return html`<ul class="missing">${items}</ul>`;
}

function compositionSection(page: PageRequest, state: FormationState): Html {
  const c = state.composition;
  if (!c) return html`<p>${t(page, 'formation.composition.none')}</p>`;
  const findings = c.findings;
  return html`<p>${c.ok ? html`<span>✓ ${t(page, 'formation.composition.ok', { n: String(c.size) })}</span>` : html`<span class="overdue">✗ ${t(page, 'formation.composition.violations', { n: String(c.size) })}</span>`}</p>
<ul>${c.arithmetic.map((a) => html`<li>${a.holds ? '✓' : html`<strong class="overdue">✗</strong>`} ${a.text[page.lang]} <span class="muted">(${clauseText(page.lang, a.clause)})</span></li>`)}</ul>
${
  findings.length > 0
    ? html`<h3>${t(page, 'formation.composition.findings')}</h3><ul>${findings.map(
        (f) =>
          html`<li><strong${f.severity === 'violation' ? html` class="overdue"` : ''}>${t(page, `formation.severity.${f.severity}`)}</strong>: ${f.message[page.lang]}${f.clause ? html` <span class="muted">(${clauseText(page.lang, f.clause)})</span>` : ''}</li>`,
      )}</ul>`
    : ''
}
<details><summary>${t(page, 'formation.composition.rounding')}</summary><p>${c.rounding[page.lang]}</p><p>${c.ageRule[page.lang]}</p></details>`;
}

function protocolsSection(page: PageRequest, state: FormationState): Html {
  if (state.protocols.length === 0) return html``;
  return html`<h2>${t(page, 'formation.protocols.title')} <span class="muted">(5.4.4)</span></h2>
${state.protocols.map(
  (p) => html`<h3>${p.protocolRef}, ${time(page, p.heldOn)}${p.place ? `, ${p.place}` : ''}</h3>
<p>${t(page, 'formation.protocols.participants', { n: String(p.participants) })}</p>
${scrollBox(
  `${t(page, 'formation.protocols.title')}: ${p.protocolRef}`,
  html`<table><thead><tr><th scope="col">${t(page, 'formation.col.name')}</th><th scope="col">${t(page, 'formation.col.votes')}</th><th scope="col">${t(page, 'formation.col.elected')}</th></tr></thead>
<tbody>${p.results.map((r) => html`<tr><td>${r.fullName}</td><td>${r.votes}</td><td>${r.elected ? t(page, 'formation.protocols.elected') : t(page, 'formation.protocols.notElected')}</td></tr>`)}</tbody></table>`,
)}`,
)}`;
}

function recordedSection(page: PageRequest, state: FormationState): Html {
  const rows: Html[] = [];
  const row = (label: string, value: Html | string) =>
    rows.push(html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`);
  if (state.decision) {
    row(
      t(page, 'formation.recorded.decision'),
      html`${time(page, state.decision.decidedOn)}, № ${state.decision.resolutionNumber}`,
    );
    row(t(page, 'formation.recorded.termEnd'), html`${time(page, state.decision.termEnd)} (5.3.1)`);
    const violations = state.decision.violations ?? [];
    if (violations.length > 0) {
      const clauses = [...new Set(violations.map((v) => v.clause ?? '5.2'))].join(', ');
      row(
        t(page, 'formation.severity.violation'),
        html`<strong>${t(page, 'formation.recorded.violations', { clauses })}</strong><ul>${violations.map((v) => html`<li>${v.message[page.lang]} (${v.clause ?? '5.2'})</li>`)}</ul>`,
      );
    }
    if (state.decision.chair)
      row(
        t(page, 'formation.recorded.chair'),
        t(page, 'formation.recorded.chairNamed', { name: state.decision.chair.fullName }),
      );
  }
  for (const m of state.earlierMeetings ?? []) {
    const o = m.outcome;
    const where = { date: dmy(m.date), time: m.time, place: m.place };
    row(
      t(page, 'formation.recorded.earlierMeeting'),
      o.kind === 'moved'
        ? t(page, 'formation.recorded.earlierMoved', {
            ...where,
            on: dmy(o.on),
            reason: o.reason ? ` (${o.reason})` : '',
          })
        : t(page, 'formation.recorded.earlierNoQuorum', {
            ...where,
            heldOn: dmy(o.heldOn),
            present: String(o.present),
            total: String(o.total),
          }),
    );
  }
  if (state.meeting) {
    const due = state.obligations.find((o) => o.key === 'first-meeting')?.due ?? null;
    row(
      t(page, 'formation.recorded.meeting'),
      html`${time(page, state.meeting.date)} ${state.meeting.time}, ${state.meeting.place}${state.meeting.late && due ? html` — <strong>${t(page, 'formation.recorded.late', { date: dmy(due) })}</strong>` : ''}`,
    );
    for (const w of state.meeting.warnings) row(t(page, 'formation.severity.warning'), w[page.lang]);
  }
  if (state.firstMeeting && state.decision?.chair) {
    row(
      t(page, 'formation.recorded.chair'),
      t(page, 'formation.recorded.chairNamedHeld', {
        name: state.firstMeeting.chair.fullName,
        present: String(state.firstMeeting.present),
      }),
    );
  } else if (state.firstMeeting) {
    const ch = state.firstMeeting.chair;
    row(
      t(page, 'formation.recorded.chair'),
      t(page, 'formation.recorded.chairVotes', {
        name: ch.fullName,
        present: String(state.firstMeeting.present),
        for: String(ch.votesFor),
        against: String(ch.votesAgainst),
        abstained: String(ch.abstained),
      }),
    );
  }
  const notices = [state.formationNotice, state.creationNotice].filter((n) => n !== null);
  return html`${rows.length > 0 ? scrollBox(t(page, 'formation.recorded.title'), html`<table><tbody>${rows}</tbody></table>`) : ''}
${notices.map(
  (
    n,
  ) => html`<details><summary>${t(page, n === state.formationNotice ? 'formation.line.formation-notice' : 'formation.line.creation-notice')}: ${time(page, n.publishedOn)} (${n.channels.map((ch) => t(page, `formation.channel.${ch}`)).join(', ')})</summary>
<p lang="ky" class="pre-line">${n.text.ky}</p><p lang="ru" class="pre-line">${n.text.ru}</p></details>`,
)}`;
}

/** The overview rebuilt from the database (the engine is away or the procedure is not running). */
function dbStepLines(
  page: PageRequest,
  group: Group,
  view: Awaited<ReturnType<typeof loadDbFormationView>>,
): { lines: StepLine[]; current: StepLine['key'] | null } {
  const d = (date: IsoDate) => dmy(date);
  const noticeOf = (kind: string) => view.notices.find((n) => n.kind === kind);
  const firstOf = (source: CandidateRow['source']) =>
    view.candidates.find((c) => c.source === source)?.nominatedOn ?? null;
  const notice = noticeOf('formation-notice');
  const creation = noticeOf('creation-notice');
  const staffOn = firstOf('executive_head');
  const deputiesOn = firstOf('council_chair');
  const m = view.meeting;
  const lines: StepLine[] = [
    {
      key: 'formation-notice',
      clause: '5.4.1',
      obligation: 'formation-notice',
      done: notice ? d(bishkekDateOf(notice.publishedAt.getTime())) : null,
    },
    { key: 'staff-candidates', clause: '5.4.2', obligation: 'staff-candidates', done: staffOn ? d(staffOn) : null },
    { key: 'deputy-members', clause: '5.4.3', obligation: 'deputy-members', done: deputiesOn ? d(deputiesOn) : null },
    {
      key: 'gathering',
      clause: '5.4.4',
      obligation: null,
      done:
        view.protocols.length > 0 ? view.protocols.map((p) => `${p.protocolRef} (${d(p.heldOn)})`).join('; ') : null,
    },
    {
      key: 'decision',
      clause: '5.4.5',
      obligation: null,
      done: group.created_on ? `${d(group.created_on)}, № ${group.resolution_number ?? ''}` : null,
    },
    {
      key: 'meeting',
      clause: '5.3.2',
      obligation: 'first-meeting',
      done: m ? `${d(m.date)} ${m.time ?? ''}, ${m.place ?? ''}` : null,
    },
    {
      key: 'creation-notice',
      clause: '5.3.3, 5.4.7',
      obligation: 'creation-notice',
      done: creation ? d(bishkekDateOf(creation.publishedAt.getTime())) : null,
    },
    {
      key: 'first-meeting',
      clause: '5.4.6',
      obligation: 'first-meeting',
      done: m?.heldOn ? d(m.heldOn) : group.status === 'active' ? '✓' : null,
    },
  ];
  const open = lines.find(
    (l) => l.done === null && l.key !== 'gathering' && l.key !== 'staff-candidates' && l.key !== 'deputy-members',
  );
  return { lines, current: open?.key ?? null };
}

const CURRENT_LINE: Readonly<Record<FormationStep, StepLine['key'] | null>> = {
  'formation-notice': 'formation-notice',
  nominations: 'decision',
  'council-decision': 'decision',
  'first-meeting-scheduling': 'meeting',
  'creation-notice': 'creation-notice',
  'first-meeting': 'first-meeting',
  'handed-over': null,
};

function links(page: PageRequest, group: Group): Html {
  const g = encodeURIComponent(group.id);
  const q = `?lang=${page.lang}`;
  return html`<nav aria-label="${t(page, 'formation.links')}" class="noprint">${manageLink(page)}<a href="/manage/groups/${g}/dashboard${q}">${t(page, 'manage.link.dashboard')}</a> · <a href="/manage/groups/${g}/acts${q}">${t(page, 'manage.link.acts')}</a> · <a href="/groups/${g}/composition${q}">${t(page, 'manage.link.composition')}</a> · <a href="/councils/${encodeURIComponent(group.council_id)}/notices${q}">${t(page, 'manage.link.notices')}</a></nav>`;
}

function councilName(page: PageRequest, council: Council | undefined): string {
  if (!council) return '';
  return page.lang === 'ky' ? council.name_ky : council.name_ru;
}

export function formationPages(app: App, deps: AppDeps): void {
  const engine = deps.engine ?? unavailableEngine;
  const clock = deps.clock ?? Date.now;
  const readers = requireRole(deps.db, ['staff', 'deputy', 'chair']);
  const staffOnly = requireRole(deps.db, ['staff']);
  const params = Type.Object({ groupId: Type.String({ minLength: 1, maxLength: 200 }) });

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    groupId: string,
    opts: RenderOptions,
  ): Promise<FastifyReply> {
    const page = pageRequest(request, formationPath(groupId));
    const group = await findGroupById(deps.db, groupId);
    if (!group) throw new AppError('group-not-found', `group ${groupId} does not exist`);
    const council = await findCouncilById(deps.db, group.council_id);
    const staff = request.auth?.account.role === 'staff';
    let state: FormationState | null = null;
    let unavailable = !engine.available();
    let notRunning = false;
    if (!unavailable) {
      try {
        state = await formationState(procedureDeps(deps), groupId);
      } catch (error) {
        if (error instanceof EngineUnavailableError) unavailable = true;
        else if (error instanceof ProcedureNotFoundError) notRunning = true;
        else throw error;
      }
    }
    const calendar = await calendarForCouncil(deps.db, group.council_id);
    const today = state?.today ?? bishkekDateOf(clock());
    const parts: Html[] = [links(page, group)];
    if (unavailable)
      parts.push(html`<div class="notice" role="status"><p>${msg(page.lang, 'engine.unavailable')}</p></div>`);
    if (opts.done && (FORMATION_STEP_NAMES as readonly string[]).includes(opts.done)) {
      parts.push(
        html`<div class="ok" role="status"><p>${t(page, 'formation.done', { step: t(page, `formation.form.${opts.done as FormationStepName}`) })}</p></div>`,
      );
    } else if (opts.done === 'started')
      parts.push(html`<div class="ok" role="status"><p>${t(page, 'formation.done.started')}</p></div>`);
    if (opts.warnings && opts.warnings.length > 0) parts.push(uploadWarnings(page, opts.warnings));
    if (opts.error) {
      // The refusal names its fields in words: a typed row by its position and the name typed in it, a candidate by name.
      const typedNames = [...(opts.kept?.values.fullName ?? [])];
      const names = new Map((state?.candidates ?? []).map((c) => [c.candidateId, c.fullName] as const));
      parts.push(
        errorBox(page, opts.error, {
          area: 'formation',
          rows: { candidates: typedNames, deputies: typedNames },
          names,
        }),
      );
    }

    parts.push(
      scrollBox(
        t(page, 'formation.summary.title'),
        html`<table><tbody>
<tr><th scope="row">${t(page, 'formation.summary.council')}</th><td>${councilName(page, council)}</td></tr>
<tr><th scope="row">${t(page, 'formation.summary.status')}</th><td>${t(page, `manage.status.${group.status}`)}</td></tr>
<tr><th scope="row">${t(page, 'formation.summary.formedOn')}</th><td>${group.council_formed_on ? time(page, group.council_formed_on) : '—'}</td></tr>
<tr><th scope="row">${t(page, 'formation.summary.today')}</th><td>${html`<time datetime="${today}">${formatDay(page.lang, today)}</time>`}</td></tr>
</tbody></table>`,
      ),
    );

    if (state) {
      const obligations = obligationRows(state);
      const current = CURRENT_LINE[state.step];
      parts.push(
        html`<h2>${t(page, 'formation.steps.title')}</h2>${stepsOverview(page, stepLines(page, state), current, obligations, today, calendar)}`,
      );
      parts.push(html`<h2>${t(page, 'formation.current.title', { step: t(page, `formation.step.${state.step}`) })}</h2>
<h3>${t(page, 'formation.missing.title')}</h3>${stillMissing(page, state)}`);
      parts.push(
        html`<h2>${t(page, 'formation.composition.title')} <span class="muted">(5.2.1, 5.2.3)</span></h2>${compositionSection(page, state)}`,
      );
      if (staff && state.step !== 'handed-over') {
        const kept =
          opts.kept && opts.kept.step !== 'start' ? { step: opts.kept.step, values: opts.kept.values } : null;
        parts.push(
          html`<h2>${t(page, 'formation.forms.title')}</h2>${stepForms({ page, groupId, state, kept, rows: opts.rows ?? DEFAULT_ROWS })}`,
        );
      }
      parts.push(
        html`<h2>${t(page, 'formation.candidates.title')}</h2>${candidatesTable(page, candidateRows(state), staff)}`,
      );
      parts.push(protocolsSection(page, state));
      parts.push(html`<h2>${t(page, 'formation.recorded.title')}</h2>${recordedSection(page, state)}`);
      // Issue 14 point 3: the composition now under the decision as adopted (cured or not) and what the council does.
      if (state.decision && (state.decision.violations ?? []).length > 0)
        parts.push(
          await compositionCureNote(deps.db, groupId, page.lang, bishkekDateOf(clock()), {
            staff: true,
            link: group.status === 'active',
          }),
        );
      parts.push(
        html`<h2>${t(page, 'formation.obligations.title')}</h2>${obligationsTable(page, obligations, today, calendar)}`,
      );
    } else {
      const view = await loadDbFormationView(deps.db, group);
      if (notRunning) {
        const forming = group.status === 'forming' || group.status === 'created';
        parts.push(html`<div class="notice" role="status"><p>${t(page, forming ? 'formation.notRunning' : 'formation.finished')}</p>
${forming && staff ? restartForm(page, groupId, group.council_formed_on === null, opts.kept?.step === 'start' ? opts.kept.values : null) : ''}</div>`);
      } else parts.push(html`<p class="muted">${t(page, 'formation.fromDatabase')}</p>`);
      // 5.4.5 as adopted: the decision's violations and the chair it named, from the group's record.
      parts.push(await formationDecisionNote(deps.db, groupId, page.lang));
      // Issue 14 point 3: under the decision as adopted, the composition now (cured on a day by a council's decision,
      // or still not meeting 5.2 with its arithmetic), what the council does about it and the membership page's link.
      parts.push(
        await compositionCureNote(deps.db, groupId, page.lang, bishkekDateOf(clock()), {
          staff: true,
          link: group.status === 'active',
        }),
      );
      if (staff && opts.kept && opts.kept.step !== 'start') {
        // The post could not be sent (the engine is away): its form again, filled in, to send once it is back.
        const formState: FormState = {
          step: group.status === 'forming' ? 'nominations' : 'first-meeting-scheduling',
          today,
          staffCandidatesOn: null,
          deputyMembersOn: null,
          candidates: view.candidates,
          protocols: view.protocols.map((p) => ({ protocolId: p.id, protocolRef: p.protocolRef, heldOn: p.heldOn })),
          meeting: view.meeting,
        };
        const kept = { step: opts.kept.step, values: opts.kept.values };
        parts.push(
          html`<h2>${t(page, 'formation.kept.title')}</h2><p class="muted">${t(page, 'formation.kept.hint')}</p>${oneForm({ page, groupId, state: formState, kept, rows: opts.rows ?? DEFAULT_ROWS }, kept.step)}`,
        );
      }
      const { lines, current } = dbStepLines(page, group, view);
      parts.push(
        html`<h2>${t(page, 'formation.steps.title')}</h2>${stepsOverview(page, lines, current, view.obligations, today, calendar)}`,
      );
      parts.push(
        html`<h2>${t(page, 'formation.candidates.title')}</h2>${candidatesTable(page, view.candidates, staff)}`,
      );
      parts.push(
        html`<h2>${t(page, 'formation.obligations.title')}</h2>${obligationsTable(page, view.obligations, today, calendar)}`,
      );
    }
    return sendPage(reply, page, opts.status, layout(page, t(page, 'formation.title'), html`${parts}`));
  }

  /** A refusal, bad input or the engine away: the page again with the problems and the typed values; other errors go to the handler. */
  async function refusal(
    request: FastifyRequest,
    reply: FastifyReply,
    groupId: string,
    error: unknown,
    kept: RenderOptions['kept'],
  ): Promise<FastifyReply> {
    const appError = toAppError(error);
    const status = ERROR_STATUS[appError.code];
    const shown = [
      'invalid-input',
      'step-refused',
      'step-conflict',
      'engine-unavailable',
      'procedure-not-found',
      'conflict',
    ];
    if (!shown.includes(appError.code)) throw error;
    return render(request, reply, groupId, { status, error: appError, kept: kept ?? null });
  }

  app.get(
    '/manage/groups/:groupId/formation',
    {
      schema: {
        hide: true,
        params,
        querystring: Type.Object({
          lang: Type.Optional(Type.String()),
          done: Type.Optional(Type.String({ maxLength: 40 })),
          rows: Type.Optional(Type.Integer({ minimum: 1, maximum: 40 })),
        }),
      },
      config: { access: ['staff', 'deputy', 'chair'], page: true },
      preValidation: readers,
    },
    (request, reply) =>
      render(request, reply, request.params.groupId, {
        status: 200,
        done: request.query.done ?? null,
        rows: request.query.rows ?? DEFAULT_ROWS,
      }),
  );

  app.post(
    '/manage/groups/:groupId/formation/start',
    { schema: { hide: true, params }, config: { access: ['staff'], page: true }, preValidation: staffOnly },
    async (request, reply) => {
      const { groupId } = request.params;
      let values: FormValues = {};
      try {
        values = formValues('start', request.body);
        const group = await findGroupById(deps.db, groupId);
        if (!group) throw new AppError('group-not-found', `group ${groupId} does not exist`);
        actorOf(request);
        await restartFormation(procedureDeps(deps), group, values.formedOn?.[0]);
        return await reply.redirect(
          `${formationPath(groupId)}?lang=${pageRequest(request, '').lang}&done=started`,
          303,
        );
      } catch (error) {
        return refusal(request, reply, groupId, error, { step: 'start', values });
      }
    },
  );

  for (const step of FORMATION_STEP_NAMES) {
    app.post(
      `/manage/groups/:groupId/formation/${step}`,
      {
        schema: { hide: true, params },
        config: { access: ['staff'], page: true, multipartCsrf: LIST_STEPS.has(step) },
        preValidation: staffOnly,
      },
      async (request, reply) => {
        const { groupId } = request.params;
        let values: FormValues = {};
        try {
          let file: Buffer | null = null;
          if (LIST_STEPS.has(step)) {
            if (!request.isMultipart())
              throw new AppError('invalid-input', 'a multipart form is expected', { field: '(request)', rule: 'type' });
            ({ values, file } = await multipartValues(step, request));
          } else values = formValues(step, request.body);
          // 503 before anything is built or sent: nothing is written while the engine is away.
          if (!engine.available()) throw new AppError('engine-unavailable', 'no procedure engine: nothing was sent');
          const built = buildInput(step, values, file, bishkekDateOf(clock()));
          values = built.kept;
          await recordFormationStep(procedureDeps(deps), groupId, step, built.input);
          // Rows kept as written are shown with the confirmation at once (the file is not kept to show them later).
          if (built.warnings.length > 0)
            return await render(request, reply, groupId, { status: 200, done: step, warnings: built.warnings });
          return await reply.redirect(
            `${formationPath(groupId)}?lang=${pageRequest(request, '').lang}&done=${step}`,
            303,
          );
        } catch (error) {
          return refusal(request, reply, groupId, error, { step, values });
        }
      },
    );
  }
}
