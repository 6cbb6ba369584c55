// The council's answer to the group's recommendations (issue 15 point 3; resolution item 2; 3.1; 4.3(4)): for an act
// or a summary report (8.1), the council session that considered it (date, agenda item) and a decision on each recommendation (сунуштама /
// рекомендация, 8.1). The regulation sets no period for the council to consider an act: the period after which an
// act not yet considered is flagged is the council's own setting, not a statutory deadline (the pages say so).
// Pure: the caller passes the act's facts and today's date.
import { addDays, compareDates, daysBetween, isIsoDate, type IsoDate } from './dates';
import { loc, type Localized } from './i18n';
import { problem, type Problem } from './problem';

export const COUNCIL_DECISIONS = ['accepted', 'partly-accepted', 'rejected', 'deferred'] as const;
export type CouncilDecision = (typeof COUNCIL_DECISIONS)[number];

export const COUNCIL_DECISION_NAMES: Readonly<Record<CouncilDecision, Localized>> = {
  accepted: loc('кабыл алынды', 'принята', 'accepted'),
  'partly-accepted': loc('жарым-жартылай кабыл алынды', 'принята частично', 'partly accepted'),
  rejected: loc('четке кагылды', 'отклонена', 'rejected'),
  deferred: loc('кийинкиге калтырылды', 'отложена', 'deferred'),
};

export function isCouncilDecision(value: unknown): value is CouncilDecision {
  return typeof value === 'string' && (COUNCIL_DECISIONS as readonly string[]).includes(value);
}

/** Days after the act's issue within which the council is expected to consider it, unless the council sets its own. */
export const DEFAULT_CONSIDERATION_DAYS = 60;
export const CONSIDERATION_DAYS_RANGE = { min: 7, max: 365 } as const;
export const CONSIDERATION_TEXT_LIMITS = { agendaItem: 500, text: 4000 } as const;

export interface ConsiderationInput {
  sessionOn: string;
  agendaItem: string;
  decisions: readonly { recommendation: number; decision: string; text: string }[];
}

/** What the council considers: an act (from its issue) or a summary report (from its submission, 8.1). */
export type ConsideredKind = 'act' | 'report';

export interface ConsideredSubject {
  /** 'act' unless said otherwise. */
  kind?: ConsideredKind;
  /** An act's status, or a report's ('draft' | 'submitted'). */
  status: string;
  /** The act's issue date, or the report's submission date: null while it is a draft. */
  issuedOn: IsoDate | null;
  recommendations: readonly string[];
}

export type ConsideredAct = ConsideredSubject;

const SUBJECT_WORDS = {
  act: { ky: 'Актыда', ru: 'В акте', en: 'The act has' },
  report: { ky: 'Отчетто', ru: 'В отчёте', en: 'The report has' },
} as const;

const CLAUSE = '3.1';

/**
 * What makes a record of the council's consideration refused: the act must be issued (a report submitted); the session's date real, not
 * before the act's issue and not in the future; an agenda item; at least one decision, each on a recommendation the
 * act has (numbered from 1, as the act lists them), once, with one of the four decisions; a decision other than
 * "accepted" says why in its text.
 */
export function checkConsideration(input: ConsiderationInput, act: ConsideredSubject, today: IsoDate): Problem[] {
  const problems: Problem[] = [];
  const isReport = act.kind === 'report';
  if (isReport && (act.status !== 'submitted' || act.issuedOn === null))
    problems.push(
      problem(
        'report-not-submitted',
        'reportId',
        '8.1',
        loc(
          'Отчет али жөнөтүлө элек: кеңеш жөнөтүлгөн отчетту гана карайт.',
          'Отчёт ещё не отправлен: кенеш рассматривает только отправленные отчёты.',
          'The report has not been submitted: the council considers submitted reports only.',
        ),
      ),
    );
  else if (!isReport && (act.status === 'draft' || act.issuedOn === null))
    problems.push(
      problem(
        'act-not-issued',
        'actId',
        '8.1',
        loc(
          'Акт али чыгарыла элек: кеңеш чыгарылган актыны гана карайт.',
          'Акт ещё не выдан: кенеш рассматривает только выданные акты.',
          'The act has not been issued: the council considers issued acts only.',
        ),
      ),
    );
  if (!isIsoDate(input.sessionOn))
    problems.push(
      problem(
        'invalid-date',
        'sessionOn',
        CLAUSE,
        loc(
          `Сессиянын күнү "${input.sessionOn}" ЖЖЖЖ-АА-КК түрүндөгү чыныгы күн эмес.`,
          `Дата сессии «${input.sessionOn}» не является датой в виде ГГГГ-ММ-ДД.`,
          `The session's date "${input.sessionOn}" is not a real date YYYY-MM-DD.`,
        ),
      ),
    );
  else if (compareDates(input.sessionOn, today) > 0)
    problems.push(
      problem(
        'date-in-future',
        'sessionOn',
        CLAUSE,
        loc(
          'Сессия али өтө элек: кеңештин чечими өткөн сессиядан кийин гана жазылат.',
          'Сессия ещё не прошла: решение кенеша записывается после сессии.',
          'The session has not taken place yet: the council’s decision is recorded after it.',
        ),
      ),
    );
  else if (act.issuedOn !== null && compareDates(input.sessionOn, act.issuedOn) < 0)
    problems.push(
      problem(
        'before-issue',
        'sessionOn',
        CLAUSE,
        isReport
          ? loc(
              `Сессия отчет жөнөтүлгөнгө (${act.issuedOn}) чейин болгон: ал бул отчетту карай алган эмес.`,
              `Сессия прошла до отправки отчёта (${act.issuedOn}): она не могла его рассмотреть.`,
              `The session was held before the report was submitted (${act.issuedOn}): it cannot have considered it.`,
            )
          : loc(
              `Сессия акт чыгарылганга (${act.issuedOn}) чейин болгон: ал бул актыны карай алган эмес.`,
              `Сессия прошла до выдачи акта (${act.issuedOn}): она не могла его рассмотреть.`,
              `The session was held before the act was issued (${act.issuedOn}): it cannot have considered it.`,
            ),
      ),
    );
  const agenda = input.agendaItem.trim();
  if (agenda === '')
    problems.push(
      problem(
        'required',
        'agendaItem',
        CLAUSE,
        loc(
          'Сессиянын күн тартибиндеги маселе көрсөтүлүшү керек.',
          'Нужно указать вопрос повестки сессии.',
          'Name the item of the session’s agenda.',
        ),
      ),
    );
  else if (agenda.length > CONSIDERATION_TEXT_LIMITS.agendaItem)
    problems.push(
      problem(
        'too-long',
        'agendaItem',
        null,
        loc(
          `Күн тартибиндеги маселе ${CONSIDERATION_TEXT_LIMITS.agendaItem} белгиден ашпашы керек.`,
          `Вопрос повестки не длиннее ${CONSIDERATION_TEXT_LIMITS.agendaItem} знаков.`,
          `The agenda item is at most ${CONSIDERATION_TEXT_LIMITS.agendaItem} characters.`,
        ),
      ),
    );
  if (input.decisions.length === 0)
    problems.push(
      problem(
        'required',
        'decisions',
        CLAUSE,
        loc(
          'Жок дегенде бир сунуштама боюнча кеңештин чечими керек.',
          'Нужно решение кенеша хотя бы по одной рекомендации.',
          'Record the council’s decision on at least one recommendation.',
        ),
      ),
    );
  const seen = new Set<number>();
  input.decisions.forEach((d, i) => {
    const field = `decisions[${i}]`;
    const n = d.recommendation;
    if (!Number.isInteger(n) || n < 1 || n > act.recommendations.length)
      problems.push(
        problem(
          'unknown-recommendation',
          `${field}.recommendation`,
          '8.1',
          loc(
            `${SUBJECT_WORDS[act.kind ?? 'act'].ky} ${n}-сунуштама жок (сунуштамалар: ${act.recommendations.length}).`,
            `${SUBJECT_WORDS[act.kind ?? 'act'].ru} нет рекомендации № ${n} (рекомендаций: ${act.recommendations.length}).`,
            `${SUBJECT_WORDS[act.kind ?? 'act'].en} no recommendation ${n} (it has ${act.recommendations.length}).`,
          ),
        ),
      );
    else if (seen.has(n))
      problems.push(
        problem(
          'duplicate',
          `${field}.recommendation`,
          null,
          loc(
            `${n}-сунуштама боюнча чечим эки жолу жазылды.`,
            `Решение по рекомендации № ${n} указано дважды.`,
            `Recommendation ${n} is decided twice.`,
          ),
        ),
      );
    seen.add(n);
    if (!isCouncilDecision(d.decision))
      problems.push(
        problem(
          'one-of',
          `${field}.decision`,
          CLAUSE,
          loc(
            `Чечим төмөнкүлөрдүн бири: ${COUNCIL_DECISIONS.map((c) => COUNCIL_DECISION_NAMES[c].ky).join(', ')}.`,
            `Решение одно из: ${COUNCIL_DECISIONS.map((c) => COUNCIL_DECISION_NAMES[c].ru).join(', ')}.`,
            `The decision is one of: ${COUNCIL_DECISIONS.map((c) => COUNCIL_DECISION_NAMES[c].en).join(', ')}.`,
          ),
        ),
      );
    else if (d.decision !== 'accepted' && d.text.trim() === '')
      problems.push(
        problem(
          'reason-required',
          `${field}.text`,
          CLAUSE,
          loc(
            'Толук кабыл алынбаган сунуштама боюнча чечимдин себеби жазылышы керек.',
            'Если рекомендация принята не полностью, укажите основание решения.',
            'A recommendation not fully accepted needs the decision’s reason.',
          ),
        ),
      );
    if (d.text.length > CONSIDERATION_TEXT_LIMITS.text)
      problems.push(
        problem(
          'too-long',
          `${field}.text`,
          null,
          loc(
            `Текст ${CONSIDERATION_TEXT_LIMITS.text} белгиден ашпашы керек.`,
            `Текст не длиннее ${CONSIDERATION_TEXT_LIMITS.text} знаков.`,
            `The text is at most ${CONSIDERATION_TEXT_LIMITS.text} characters.`,
          ),
        ),
      );
  });
  return problems;
}

export function checkConsiderationDays(days: unknown): Problem[] {
  const { min, max } = CONSIDERATION_DAYS_RANGE;
  return typeof days === 'number' && Number.isInteger(days) && days >= min && days <= max
    ? []
    : [
        problem(
          'out-of-range',
          'days',
          null,
          loc(
            `Мөөнөт ${min}–${max} календардык күн.`,
            `Срок от ${min} до ${max} календарных дней.`,
            `The period is ${min} to ${max} calendar days.`,
          ),
        ),
      ];
}

export type ConsiderationState =
  | { state: 'considered'; lastSessionOn: IsoDate; undecided: number }
  | { state: 'awaiting'; expectedBy: IsoDate }
  | { state: 'overdue'; expectedBy: IsoDate; daysOver: number };

/**
 * Where an issued act stands with the council: considered (and how many of its recommendations are still without a
 * decision, or deferred), awaiting until the issue date plus the council's period, overdue after it (a flag, not a
 * statutory deadline).
 */
export function considerationState(
  act: { issuedOn: IsoDate; recommendations: number },
  decided: readonly { sessionOn: IsoDate; recommendation: number; decision: CouncilDecision }[],
  periodDays: number,
  today: IsoDate,
): ConsiderationState {
  if (decided.length > 0) {
    const latest = new Map<number, CouncilDecision>();
    const sorted = [...decided].sort((a, b) => compareDates(a.sessionOn, b.sessionOn));
    for (const d of sorted) latest.set(d.recommendation, d.decision);
    let undecided = 0;
    for (let n = 1; n <= act.recommendations; n++) {
      const d = latest.get(n);
      if (d === undefined || d === 'deferred') undecided++;
    }
    return { state: 'considered', lastSessionOn: sorted.at(-1)!.sessionOn, undecided };
  }
  const expectedBy = addDays(act.issuedOn, periodDays);
  const over = compareDates(today, expectedBy) > 0;
  if (!over) return { state: 'awaiting', expectedBy };
  return { state: 'overdue', expectedBy, daysOver: daysBetween(expectedBy, today) };
}
