// The group's summary reports (issue 15 point 2; 8.1: the group informs the council and the community of its results;
// 7.3.1; 7.2.4: the yearly report at the annual gathering): the periods (a half-year or a year), the due date after the
// period's end (a setting of the council: the regulation sets none), the counts drawn from the record, and the text
// parts the chair writes. Pure: the caller passes the rows and today's date.
import { addDays, compareDates, type IsoDate } from './dates';
import { loc, type Lang, type Localized } from './i18n';
import { dmy } from './messages';
import { problem, type Problem } from './problem';

export type ReportPeriod = { kind: 'half-year'; year: number; half: 1 | 2 } | { kind: 'year'; year: number };

/** Days after the period's end the report is due unless the council sets its own (not statutory). */
export const DEFAULT_REPORT_DUE_DAYS = 30;
export const REPORT_DUE_DAYS_RANGE = { min: 7, max: 120 } as const;
export const REPORT_TEXT_PARTS = ['events', 'results', 'conclusions'] as const;
export type ReportTextPart = (typeof REPORT_TEXT_PARTS)[number];
/**
 * The chair's texts: the three parts, and the group's recommendations to the council (8.1), numbered from 1 as listed.
 * Frozen with the counts when the report is submitted; the council then decides on each (issue 15 point 3).
 */
export type ReportTexts = Record<ReportTextPart, string> & { recommendations: string[] };
/** The texts as events and rows hold them: reports edited before recommendations were added have none. */
export type StoredReportTexts = Record<ReportTextPart, string> & { recommendations?: string[] };
export const REPORT_TEXT_LIMIT = 20_000;
export const REPORT_RECOMMENDATION_LIMITS = { count: 50, text: 4000 } as const;

/** The texts as stored: reports drafted before recommendations were added have none. */
export function reportTextsOf(stored: Partial<Record<string, unknown>>): ReportTexts {
  const text = (part: ReportTextPart) => (typeof stored[part] === 'string' ? stored[part] : '');
  const recommendations = Array.isArray(stored.recommendations)
    ? stored.recommendations.filter((r): r is string => typeof r === 'string')
    : [];
  return { events: text('events'), results: text('results'), conclusions: text('conclusions'), recommendations };
}

export const REPORT_RECOMMENDATIONS_NAME: Localized = loc(
  'Кеңешке сунуштамалар',
  'Рекомендации кенешу',
  'Recommendations to the council',
);

export const REPORT_TEXT_NAMES: Readonly<Record<ReportTextPart, Localized>> = {
  events: loc(
    'Иш-чаралар жөнүндө кыскача маалымат',
    'Краткая информация о мероприятиях',
    'Brief information on events',
  ),
  results: loc('Жыйынтыктар', 'Результаты', 'Results'),
  conclusions: loc('Корутундулар', 'Выводы', 'Conclusions'),
};

/** '2026-H1', '2026-H2' or '2026': the period's key (in URLs, the CLI, business keys). */
export function periodKey(period: ReportPeriod): string {
  return period.kind === 'year' ? String(period.year) : `${period.year}-H${period.half}`;
}

export function parsePeriodKey(text: string): ReportPeriod | null {
  const m = /^(\d{4})(?:-H([12]))?$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  return m[2] === undefined ? { kind: 'year', year } : { kind: 'half-year', year, half: m[2] === '1' ? 1 : 2 };
}

export function periodBounds(period: ReportPeriod): { start: IsoDate; end: IsoDate } {
  const y = String(period.year);
  if (period.kind === 'year') return { start: `${y}-01-01`, end: `${y}-12-31` };
  return period.half === 1 ? { start: `${y}-01-01`, end: `${y}-06-30` } : { start: `${y}-07-01`, end: `${y}-12-31` };
}

export function periodName(period: ReportPeriod, lang: Lang): string {
  const y = String(period.year);
  if (period.kind === 'year') return loc(`${y}-жыл`, `${y} год`, `the year ${y}`)[lang];
  return period.half === 1
    ? loc(`${y}-жылдын биринчи жарымы`, `первое полугодие ${y} года`, `the first half of ${y}`)[lang]
    : loc(`${y}-жылдын экинчи жарымы`, `второе полугодие ${y} года`, `the second half of ${y}`)[lang];
}

/** The report's due date: the council's number of calendar days after the period's last day. */
export function reportDue(period: ReportPeriod, dueDays: number): IsoDate {
  return addDays(periodBounds(period).end, dueDays);
}

/** A report is drafted once its period has ended (the day after its last day at the earliest). */
export function checkReportPeriod(periodText: string, today: IsoDate): Problem[] {
  const period = parsePeriodKey(periodText);
  if (period === null)
    return [
      problem(
        'invalid-period',
        'period',
        '8.1',
        loc(
          `Мезгил "${periodText}" ЖЖЖЖ-H1, ЖЖЖЖ-H2 (жарым жыл) же ЖЖЖЖ (жыл) түрүндө жазылат.`,
          `Период «${periodText}» пишется как ГГГГ-H1, ГГГГ-H2 (полугодие) или ГГГГ (год).`,
          `The period "${periodText}" is written YYYY-H1, YYYY-H2 (a half-year) or YYYY (a year).`,
        ),
      ),
    ];
  const { end } = periodBounds(period);
  if (compareDates(today, end) <= 0)
    return [
      problem(
        'period-not-ended',
        'period',
        '8.1',
        loc(
          `Мезгил ${end} күнү бүтөт: отчет мезгил бүткөндөн кийин түзүлөт.`,
          `Период заканчивается ${end}: отчёт составляется после окончания периода.`,
          `The period ends on ${end}: a report is drawn up after its period has ended.`,
        ),
      ),
    ];
  return [];
}

export function checkReportTexts(texts: Partial<Record<string, unknown>>): Problem[] {
  const problems: Problem[] = [];
  for (const part of REPORT_TEXT_PARTS) {
    const value = texts[part];
    if (value !== undefined && (typeof value !== 'string' || value.length > REPORT_TEXT_LIMIT))
      problems.push(
        problem(
          'too-long',
          `texts.${part}`,
          null,
          loc(
            `Текст ${REPORT_TEXT_LIMIT} белгиден ашпашы керек.`,
            `Текст не длиннее ${REPORT_TEXT_LIMIT} знаков.`,
            `The text is at most ${REPORT_TEXT_LIMIT} characters.`,
          ),
        ),
      );
  }
  const recommendations = texts.recommendations;
  if (recommendations === undefined) return problems;
  const { count, text } = REPORT_RECOMMENDATION_LIMITS;
  if (!Array.isArray(recommendations) || recommendations.length > count)
    problems.push(
      problem(
        'too-many',
        'texts.recommendations',
        null,
        loc(
          `Сунуштамалар ${count} ашпашы керек.`,
          `Рекомендаций не больше ${count}.`,
          `At most ${count} recommendations.`,
        ),
      ),
    );
  else
    recommendations.forEach((r: unknown, i) => {
      if (typeof r !== 'string' || r.trim() === '')
        problems.push(
          problem(
            'required',
            `texts.recommendations[${i}]`,
            '8.1',
            loc(
              `${i + 1}-сунуштаманын тексти бош.`,
              `Текст рекомендации № ${i + 1} пуст.`,
              `Recommendation ${i + 1} has no text.`,
            ),
          ),
        );
      else if (r.length > text)
        problems.push(
          problem(
            'too-long',
            `texts.recommendations[${i}]`,
            null,
            loc(
              `Сунуштама ${text} белгиден ашпашы керек.`,
              `Рекомендация не длиннее ${text} знаков.`,
              `A recommendation is at most ${text} characters.`,
            ),
          ),
        );
    });
  return problems;
}

/** What a submission needs: the results and the conclusions written (8.1: the group reports its results). */
export function checkReportForSubmission(texts: ReportTexts): Problem[] {
  return (['results', 'conclusions'] as const)
    .filter((part) => texts[part].trim() === '')
    .map((part) =>
      problem(
        'required',
        `texts.${part}`,
        '8.1',
        loc(
          `Отчетту жөнөтүүдөн мурун "${REPORT_TEXT_NAMES[part].ky}" бөлүгүн жазыңыз.`,
          `Перед отправкой заполните раздел «${REPORT_TEXT_NAMES[part].ru}».`,
          `Write the part "${REPORT_TEXT_NAMES[part].en}" before submitting.`,
        ),
      ),
    );
}

export function checkReportDueDays(days: unknown): Problem[] {
  const { min, max } = REPORT_DUE_DAYS_RANGE;
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

// ---- the counts ----

export type Outcome = 'answered-on-time' | 'answered-late' | 'unanswered' | 'pending' | 'not-started' | 'refused';

export interface ReportFacts {
  period: { start: IsoDate; end: IsoDate };
  meetings: { held: number; quorate: number; notQuorate: number; cancelled: number };
  acts: { issued: number; byObject: { object: string; count: number }[] };
  objectAnswers: Record<'answered-on-time' | 'answered-late' | 'unanswered' | 'pending' | 'not-started', number>;
  executiveReports: Record<'answered-on-time' | 'answered-late' | 'unanswered' | 'pending' | 'not-started', number>;
  requests: Record<'answered-on-time' | 'answered-late' | 'refused' | 'unanswered' | 'pending', number>;
  /**
   * The approved plan's items whose period ends within the report's (7.3.1): done, not done (planned or in progress),
   * dropped with a reason. Absent from reports frozen before the plan was counted.
   */
  planItems?: { done: number; notDone: number; dropped: number };
  /** When the counts were drawn (they are frozen into a submitted report). */
  countedOn: IsoDate;
}

const zeroAnswers = () => ({ 'answered-on-time': 0, 'answered-late': 0, unanswered: 0, pending: 0, 'not-started': 0 });

/**
 * The counts of a period from the record's rows: meetings held (and cancelled) in the period; acts issued in it, per
 * object, with the outcomes of their statutory answers as of today; requests sent in it with their outcomes.
 */
export function reportFacts(
  period: ReportPeriod,
  rows: {
    meetings: readonly { status: string; heldOn: IsoDate | null; scheduledOn: IsoDate; quorate: boolean | null }[];
    acts: readonly { issuedOn: IsoDate; object: string; objectAnswer: string; executiveReport: string }[];
    requests: readonly { sentOn: IsoDate; outcome: string }[];
    planItems?: readonly { periodTo: IsoDate; state: string }[];
  },
  today: IsoDate,
): ReportFacts {
  const { start, end } = periodBounds(period);
  const within = (d: IsoDate | null) => d !== null && compareDates(d, start) >= 0 && compareDates(d, end) <= 0;
  const held = rows.meetings.filter((m) => m.status === 'held' && within(m.heldOn));
  const acts = rows.acts.filter((a) => within(a.issuedOn));
  const byObject = new Map<string, number>();
  for (const a of acts) byObject.set(a.object, (byObject.get(a.object) ?? 0) + 1);
  const objectAnswers = zeroAnswers();
  const executiveReports = zeroAnswers();
  for (const a of acts) {
    if (a.objectAnswer in objectAnswers) objectAnswers[a.objectAnswer as keyof typeof objectAnswers]++;
    if (a.executiveReport in executiveReports) executiveReports[a.executiveReport as keyof typeof executiveReports]++;
  }
  const requests = { 'answered-on-time': 0, 'answered-late': 0, refused: 0, unanswered: 0, pending: 0 };
  for (const r of rows.requests.filter((x) => within(x.sentOn)))
    if (r.outcome in requests) requests[r.outcome as keyof typeof requests]++;
  return {
    period: { start, end },
    meetings: {
      held: held.length,
      quorate: held.filter((m) => m.quorate !== false).length,
      notQuorate: held.filter((m) => m.quorate === false).length,
      cancelled: rows.meetings.filter((m) => m.status === 'cancelled' && within(m.scheduledOn)).length,
    },
    acts: {
      issued: acts.length,
      byObject: [...byObject.entries()]
        .map(([object, count]) => ({ object, count }))
        .sort((a, b) => b.count - a.count || a.object.localeCompare(b.object)),
    },
    objectAnswers,
    executiveReports,
    requests,
    planItems: (() => {
      const items = (rows.planItems ?? []).filter((i) => within(i.periodTo));
      return {
        done: items.filter((i) => i.state === 'done').length,
        notDone: items.filter((i) => i.state === 'planned' || i.state === 'in-progress').length,
        dropped: items.filter((i) => i.state === 'dropped').length,
      };
    })(),
    countedOn: today,
  };
}

// ---- the report's words (the notice, the mails and the print page share them) ----

const OUTCOME_WORDS: Readonly<Record<Outcome, Localized>> = {
  'answered-on-time': loc('өз убагында', 'в срок', 'on time'),
  'answered-late': loc('мөөнөтүнөн кеч', 'с опозданием', 'late'),
  unanswered: loc('жооп жок', 'без ответа', 'unanswered'),
  pending: loc('мөөнөтү бүтө элек', 'срок не истёк', 'not yet due'),
  'not-started': loc('али алына элек', 'ещё не получен', 'not yet received'),
  refused: loc('баш тартылды', 'отказано', 'refused'),
};

export function outcomeWord(outcome: Outcome, lang: Lang): string {
  return OUTCOME_WORDS[outcome][lang];
}

const LABELS = {
  title: loc(
    'Биргелешкен мониторинг жана баалоо тобунун отчету',
    'Отчёт группы совместного мониторинга и оценки',
    'Report of the joint monitoring and evaluation group',
  ),
  meetings: loc('Топтун жыйналыштары', 'Заседания группы', "The group's meetings"),
  held: loc('өткөрүлдү', 'проведено', 'held'),
  quorate: loc('кворум менен', 'с кворумом', 'with a quorum'),
  notQuorate: loc('кворумсуз', 'без кворума', 'without a quorum'),
  acts: loc('Мониторинг актылары', 'Акты мониторинга', 'Monitoring acts'),
  issued: loc('чыгарылды', 'выдано', 'issued'),
  objectAnswers: loc('Объекттердин жооптору (4.3(3))', 'Ответы объектов (4.3(3))', "The objects' answers (4.3(3))"),
  executiveReports: loc(
    'Аткаруу органынын отчеттору (4.3(4))',
    'Отчёты исполнительного органа (4.3(4))',
    "The executive body's reports (4.3(4))",
  ),
  requests: loc('Маалымат суроо-талаптары (7.3.2)', 'Запросы информации (7.3.2)', 'Information requests (7.3.2)'),
  planItems: loc('Иш планынын пункттары (7.3.1)', 'Пункты плана работы (7.3.1)', 'Work plan items (7.3.1)'),
  done: loc('аткарылды', 'выполнено', 'done'),
  notDone: loc('аткарылган жок', 'не выполнено', 'not done'),
  dropped: loc('алынып салынды', 'исключено', 'dropped'),
} as const;

export function reportLabel(key: keyof typeof LABELS, lang: Lang): string {
  return LABELS[key][lang];
}

/** The report as plain text in one language: the counts, then the chair's text parts. */
export function reportPlainText(period: ReportPeriod, facts: ReportFacts, texts: ReportTexts, lang: Lang): string {
  const counts = (record: Partial<Record<Outcome, number>>) =>
    (Object.entries(record) as [Outcome, number][])
      .filter(([, n]) => n > 0)
      .map(([o, n]) => `${outcomeWord(o, lang)}: ${n}`)
      .join('; ') || '0';
  const lines = [
    `${LABELS.title[lang]}: ${periodName(period, lang)} (${facts.period.start} – ${facts.period.end})`,
    '',
    `${LABELS.meetings[lang]}: ${LABELS.held[lang]} ${facts.meetings.held} (${LABELS.quorate[lang]} ${facts.meetings.quorate}, ${LABELS.notQuorate[lang]} ${facts.meetings.notQuorate})`,
    `${LABELS.acts[lang]}: ${LABELS.issued[lang]} ${facts.acts.issued}${facts.acts.byObject.length > 0 ? ` (${facts.acts.byObject.map((o) => `${o.object}: ${o.count}`).join('; ')})` : ''}`,
    `${LABELS.objectAnswers[lang]}: ${counts(facts.objectAnswers)}`,
    `${LABELS.executiveReports[lang]}: ${counts(facts.executiveReports)}`,
    `${LABELS.requests[lang]}: ${counts(facts.requests)}`,
    ...(facts.planItems
      ? [
          `${LABELS.planItems[lang]}: ${LABELS.done[lang]} ${facts.planItems.done}, ${LABELS.notDone[lang]} ${facts.planItems.notDone}, ${LABELS.dropped[lang]} ${facts.planItems.dropped}`,
        ]
      : []),
  ];
  for (const part of REPORT_TEXT_PARTS)
    if (texts[part].trim() !== '') lines.push('', `${REPORT_TEXT_NAMES[part][lang]}:`, texts[part].trim());
  if (texts.recommendations.length > 0)
    lines.push(
      '',
      `${REPORT_RECOMMENDATIONS_NAME[lang]}:`,
      ...texts.recommendations.map((r, i) => `${i + 1}. ${r.trim()}`),
    );
  return lines.join('\n');
}

// ---- the annual gathering (7.2.4) ----

export interface GatheringMeeting {
  id: string;
  kind: string;
  status: string;
  scheduledOn: IsoDate;
  place: string | null;
}

/**
 * 7.2.4: the annual gathering at which a yearly report is (to be) presented: the one staff or the chair chose, else the
 * group's first annual gathering not cancelled on or after the report's submission (or `today` for a draft). A
 * half-year report has none.
 */
export function presentationGathering<M extends GatheringMeeting>(
  report: { period: ReportPeriod; submittedOn: IsoDate | null; presentationMeetingId: string | null },
  meetings: readonly M[],
  today: IsoDate,
): M | null {
  if (report.period.kind !== 'year') return null;
  if (report.presentationMeetingId !== null) return meetings.find((m) => m.id === report.presentationMeetingId) ?? null;
  const from = report.submittedOn ?? today;
  return (
    meetings
      .filter(
        (m) => m.kind === 'annual-gathering' && m.status !== 'cancelled' && compareDates(m.scheduledOn, from) >= 0,
      )
      .sort((a, b) => compareDates(a.scheduledOn, b.scheduledOn))[0] ?? null
  );
}

/**
 * 7.2.4: the gathering chosen for a report must be the group's annual gathering, not cancelled, after the report's
 * period; only a yearly report is presented there.
 */
export function checkPresentation(
  report: { groupId: string; period: ReportPeriod },
  meeting: (GatheringMeeting & { groupId: string }) | undefined,
  meetingId: string,
): Problem[] {
  if (report.period.kind !== 'year')
    return [
      problem(
        'not-yearly',
        'meetingId',
        '7.2.4',
        loc(
          'Коомдоштуктун жыйынында жылдык отчет гана берилет: жарым жылдык отчетко жыйын жок.',
          'На собрании местного сообщества представляется годовой отчёт: у полугодового отчёта собрания нет.',
          'Only the yearly report is presented at the annual gathering: a half-year report has none.',
        ),
      ),
    ];
  if (!meeting || meeting.groupId !== report.groupId || meeting.kind !== 'annual-gathering')
    return [
      problem(
        'not-annual-gathering',
        'meetingId',
        '7.2.4',
        loc(
          `${meetingId} бул топтун жыл сайынкы коомдоштуктун жыйыны эмес.`,
          `${meetingId} не ежегодное собрание местного сообщества этой группы.`,
          `${meetingId} is not this group's annual community gathering.`,
        ),
      ),
    ];
  if (meeting.status === 'cancelled')
    return [
      problem(
        'cancelled',
        'meetingId',
        '7.2.4',
        loc(
          'Бул коомдоштуктун жыйыны жокко чыгарылган.',
          'Это собрание отменено.',
          'This gathering has been cancelled.',
        ),
      ),
    ];
  const { end } = periodBounds(report.period);
  if (compareDates(meeting.scheduledOn, end) <= 0)
    return [
      problem(
        'before-period-end',
        'meetingId',
        '7.2.4',
        loc(
          `Коомдоштуктун жыйыны (${dmy(meeting.scheduledOn)}) отчеттун мезгили (${dmy(end)}) бүткөнгө чейин болот.`,
          `Собрание (${dmy(meeting.scheduledOn)}) проходит до конца периода отчёта (${dmy(end)}).`,
          `The gathering (${dmy(meeting.scheduledOn)}) is before the report's period ends (${dmy(end)}).`,
        ),
      ),
    ];
  return [];
}
